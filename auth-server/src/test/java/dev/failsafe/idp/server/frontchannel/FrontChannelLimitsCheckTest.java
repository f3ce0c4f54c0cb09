package dev.failsafe.idp.server.frontchannel;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Our front-channel limits and Tomcat's agree, or the provider does not start: a request or a
 * redirect within our limits must never be cut off by the container (its empty 400, or a redirect
 * that cannot be sent).
 */
class FrontChannelLimitsCheckTest {

	private static final FrontChannelProperties DEFAULTS = new FrontChannelProperties(DataSize.ofKilobytes(16),
			DataSize.ofKilobytes(8));

	@Test
	void checkWhenTomcatLeavesRoomForTheLargestRequestAndRedirectThenStarts() {
		assertThatNoException().isThrownBy(
				() -> check(DEFAULTS, DataSize.ofKilobytes(24), DataSize.ofKilobytes(16)).afterPropertiesSet());
	}

	@Test
	void checkWhenTomcatDefaultsThenRefusedNamingTheSetting() {
		assertThatIllegalStateException()
			.isThrownBy(() -> check(DEFAULTS, DataSize.ofKilobytes(8), DataSize.ofKilobytes(16)).afterPropertiesSet())
			.withMessageContaining("server.max-http-request-header-size")
			.withMessageContaining("24576B");
		assertThatIllegalStateException()
			.isThrownBy(() -> check(DEFAULTS, DataSize.ofKilobytes(24), DataSize.ofKilobytes(8)).afterPropertiesSet())
			.withMessageContaining("server.tomcat.max-http-response-header-size")
			.withMessageContaining("16384B");
	}

	@Test
	void propertiesWhenTooSmallForA4KilobyteStateAndNonceOrStateBeyondTheRequestThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FrontChannelProperties(DataSize.ofKilobytes(4), DataSize.ofKilobytes(2)))
			.withMessageContaining("max-request-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FrontChannelProperties(DataSize.ofKilobytes(16), DataSize.ofKilobytes(32)))
			.withMessageContaining("max-state-size");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FrontChannelProperties(DataSize.ofKilobytes(16), DataSize.ofBytes(100)))
			.withMessageContaining("max-state-size");
	}

	private static FrontChannelLimitsCheck check(FrontChannelProperties limits, DataSize requestHeader,
			DataSize responseHeader) {
		return new FrontChannelLimitsCheck(limits, requestHeader, responseHeader);
	}

}
