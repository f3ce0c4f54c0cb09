package dev.failsafe.idp.server.demo;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import dev.failsafe.idp.testing.provider.Demo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The test kit's demo credentials (used by every other module's tests) are the ones the provider seeds. */
class DemoCredentialsTest {

	@Test
	void kitDemoWhenComparedToTheSeededTenantThenEveryValueIsTheSame() throws Exception {
		List<Field> kit = Arrays.stream(Demo.class.getFields())
			.filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.toList();

		assertThat(kit).hasSizeGreaterThanOrEqualTo(14);
		for (Field field : kit) {
			assertThat(DemoTenant.class.getField(field.getName()).get(null)).as(field.getName())
				.isEqualTo(field.get(null));
		}
	}

}
