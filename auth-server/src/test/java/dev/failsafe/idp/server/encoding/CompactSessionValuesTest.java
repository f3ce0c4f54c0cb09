package dev.failsafe.idp.server.encoding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login session's values come back equal, in the documented layout (first byte the kind), a
 * fraction of their Java-serialized size; anything else, and values written before, go through
 * Java serialization as before.
 */
class CompactSessionValuesTest {

	private final CompactSessionValues values = new CompactSessionValues(getClass().getClassLoader());

	private final JdkSerializationRedisSerializer java = new JdkSerializationRedisSerializer();

	@Test
	void serializeWhenSignedInSecurityContextThenTaggedJsonBackEqualAndAFifthOfJavaSerialization() {
		SecurityContextImpl context = new SecurityContextImpl(signedIn());

		byte[] bytes = this.values.serialize(context);
		SecurityContextImpl back = (SecurityContextImpl) this.values.deserialize(bytes);

		assertThat(bytes[0]).isEqualTo((byte) 'C');
		assertThat(back).isEqualTo(context);
		assertThat(new ArrayList<Object>(back.getAuthentication().getAuthorities()))
			.isEqualTo(new ArrayList<Object>(context.getAuthentication().getAuthorities()));
		assertThat(back.getAuthentication().getDetails()).isEqualTo(context.getAuthentication().getDetails());
		assertThat(bytes.length).isLessThanOrEqualTo(200).isLessThan(this.java.serialize(context).length / 5);
	}

	@Test
	void serializeWhenCsrfTokenTimesOrEmptyContextThenTaggedAndBackEqual() {
		DefaultCsrfToken csrf = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "5d9a7b0e-2c1e-4b7f-9a44-0f1d2c3b4a59");
		for (Object value : List.of(csrf, 1_796_418_388_371L, 1800, "text", new SecurityContextImpl())) {
			byte[] bytes = this.values.serialize(value);
			assertThat(this.values.deserialize(bytes)).as(value.toString()).usingRecursiveComparison().isEqualTo(value);
			assertThat(bytes.length).as(value.toString()).isLessThan(this.java.serialize(value).length);
		}
		assertThat(this.values.serialize(csrf)[0]).isEqualTo((byte) 'T');
		assertThat(new String(this.values.serialize(1_796_418_388_371L))).isEqualTo("L1796418388371");
		assertThat(new String(this.values.serialize(1800))).isEqualTo("I1800");
		assertThat(this.values.serialize(null)).isEmpty();
		assertThat(this.values.deserialize(new byte[0])).isNull();
	}

	@Test
	void deserializeWhenJavaSerializedByEarlierVersionsOrAnotherTypeThenJavaSerializationBothWays() {
		UsernamePasswordAuthenticationToken withPassword = UsernamePasswordAuthenticationToken
			.authenticated(new User("bob", "secret", List.of()), "secret", List.of());
		SecurityContextImpl notCompact = new SecurityContextImpl(withPassword);
		ArrayList<String> other = new ArrayList<>(List.of("a", "b"));

		assertThat(this.values.deserialize(this.java.serialize(new SecurityContextImpl(signedIn()))))
			.isEqualTo(new SecurityContextImpl(signedIn()));
		assertThat(this.values.deserialize(this.java.serialize(1_796_418_388_371L))).isEqualTo(1_796_418_388_371L);
		assertThat(this.values.serialize(notCompact)).isEqualTo(this.java.serialize(notCompact));
		assertThat(this.values.deserialize(this.values.serialize(other))).isEqualTo(other);
	}

	private static UsernamePasswordAuthenticationToken signedIn() {
		User user = new User("alice", "", List.of(new SimpleGrantedAuthority("ROLE_USER")));
		user.eraseCredentials();
		UsernamePasswordAuthenticationToken token = UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority("ROLE_USER"), FactorGrantedAuthority.withAuthority("FACTOR_PASSWORD")
					.issuedAt(Instant.parse("2026-12-04T21:06:28.371821600Z"))
					.build()));
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", "8719a952-5c8d-41c2-b221-e1eb47cb1bc0"));
		return token;
	}

}
