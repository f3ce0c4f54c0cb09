package dev.failsafe.idp.testing.redis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RespTest {

	@Test
	void readWhenBulkStringHasMultiByteCharactersThenItsLengthCountsBytesAndTheNextReplyIsIntact() throws IOException {
		String value = "héllo wörld ✓ 日本";
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		assertThat(bytes.length).isGreaterThan(value.length());
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		wire.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		wire.writeBytes(bytes);
		wire.writeBytes("\r\n:42\r\n*2\r\n$3\r\nabc\r\n$-1\r\n".getBytes(StandardCharsets.US_ASCII));
		ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());

		assertThat(Resp.read(in)).isEqualTo(value);
		assertThat(Resp.read(in)).isEqualTo(42L);
		assertThat(Resp.read(in)).isEqualTo(java.util.Arrays.asList("abc", null));
		assertThat(in.available()).isZero();
	}

	@Test
	void encodeWhenArgumentHasMultiByteCharactersThenTheBulkLengthIsItsByteCount() {
		String encoded = new String(Resp.encode("SET", "k", "é✓"), StandardCharsets.UTF_8);

		assertThat(encoded).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\né✓\r\n");
	}

	@Test
	void readWhenErrorReplyThenErrorReplyWithItsMessage() {
		ByteArrayInputStream in = new ByteArrayInputStream("-NOREPLICAS Not enough good replicas\r\n".getBytes());

		assertThatExceptionOfType(Resp.ErrorReply.class).isThrownBy(() -> Resp.read(in))
			.withMessageContaining("NOREPLICAS");
	}

	@Test
	void readWhenStatusAndNullArrayThenStringAndNull() throws IOException {
		ByteArrayInputStream in = new ByteArrayInputStream("+OK\r\n*-1\r\n".getBytes());

		assertThat(List.of(Resp.read(in))).containsExactly("OK");
		assertThat(Resp.read(in)).isNull();
	}

}
