package dev.failsafe.idp.server.frontchannel;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How large an authorization (or logout) request may be. Tomcat's own limits must leave room for
 * them ({@link FrontChannelLimitsCheck} refuses to start otherwise), so a request within these limits
 * is never cut off by the container, and one beyond them gets our error page, not the container's.
 *
 * @param maxRequestSize the most characters of an authorization request's parameters, as sent
 * (percent-encoded), query or form: at least 8 KB, so a 4 KB {@code state} and a 4 KB {@code nonce}
 * fit together
 * @param maxStateSize the most characters of {@code state} once percent-encoded, as it is echoed in
 * the redirect back to the client
 */
@Validated
@ConfigurationProperties("idp.front-channel")
public record FrontChannelProperties(@NotNull @DefaultValue("16KB") DataSize maxRequestSize,
		@NotNull @DefaultValue("8KB") DataSize maxStateSize) {

	/** What the container needs besides a request's parameters: the request line and other headers. */
	static final DataSize HEADROOM = DataSize.ofKilobytes(8);

	public FrontChannelProperties {
		if (maxRequestSize != null && maxRequestSize.toBytes() < DataSize.ofKilobytes(8).toBytes()) {
			throw new IllegalArgumentException("idp.front-channel.max-request-size must be at least 8KB");
		}
		if (maxStateSize != null && (maxStateSize.toBytes() < DataSize.ofKilobytes(1).toBytes()
				|| (maxRequestSize != null && maxStateSize.toBytes() > maxRequestSize.toBytes()))) {
			throw new IllegalArgumentException(
					"idp.front-channel.max-state-size must be at least 1KB and at most max-request-size");
		}
	}

	/** The smallest {@code server.max-http-request-header-size} that carries the largest request. */
	DataSize requiredRequestHeaderSize() {
		return DataSize.ofBytes(this.maxRequestSize.toBytes() + HEADROOM.toBytes());
	}

	/** The smallest {@code server.tomcat.max-http-response-header-size} whose redirect carries the longest state. */
	DataSize requiredResponseHeaderSize() {
		return DataSize.ofBytes(this.maxStateSize.toBytes() + HEADROOM.toBytes());
	}

}
