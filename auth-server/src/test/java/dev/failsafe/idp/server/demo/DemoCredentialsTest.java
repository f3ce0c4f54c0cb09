package dev.failsafe.idp.server.demo;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import dev.failsafe.idp.server.operators.OperatorClients;
import dev.failsafe.idp.testing.Repository;
import dev.failsafe.idp.testing.provider.Demo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The test kit's demo credentials (used by every other module's tests) are the ones the provider seeds. */
class DemoCredentialsTest {

	@Test
	void kitDemoWhenComparedToTheSeededTenantThenEveryValueIsTheSame() throws Exception {
		Properties seeded = DemoTenant.load();
		List<Field> kit = Arrays.stream(Demo.class.getFields())
			.filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.filter(field -> !field.getName().equals("ADMIN_SCOPE") && !field.getName().equals("PROPERTY"))
			.toList();

		assertThat(kit).hasSizeGreaterThanOrEqualTo(13);
		for (Field field : kit) {
			assertThat(seeded.values()).as(field.getName()).contains(field.get(null));
		}
		assertThat(Demo.load(Repository.file(Demo.PROPERTY, Demo.RELATIVE))).isEqualTo(seeded);
		assertThat(Demo.ADMIN_SCOPE).isEqualTo(OperatorClients.ADMIN_SCOPE);
	}

}
