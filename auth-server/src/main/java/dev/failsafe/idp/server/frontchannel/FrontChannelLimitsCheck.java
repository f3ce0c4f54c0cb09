package dev.failsafe.idp.server.frontchannel;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.unit.DataSize;

/**
 * Refuses to start when Tomcat would cut off a request, or a redirect, that our front-channel limits
 * allow ({@link FrontChannelProperties}): the container would then answer with an empty 400, or fail
 * to send the redirect, where the user should get our page or the client its answer.
 *
 * @param limits our front-channel limits
 * @param requestHeaderSize Tomcat's {@code server.max-http-request-header-size}
 * @param responseHeaderSize Tomcat's {@code server.tomcat.max-http-response-header-size}
 */
record FrontChannelLimitsCheck(FrontChannelProperties limits, DataSize requestHeaderSize,
		DataSize responseHeaderSize) implements InitializingBean {

	@Override
	public void afterPropertiesSet() {
		if (this.requestHeaderSize.toBytes() < this.limits.requiredRequestHeaderSize().toBytes()) {
			throw new IllegalStateException("server.max-http-request-header-size (" + this.requestHeaderSize
					+ ") must be at least idp.front-channel.max-request-size plus 8KB ("
					+ this.limits.requiredRequestHeaderSize() + ")");
		}
		if (this.responseHeaderSize.toBytes() < this.limits.requiredResponseHeaderSize().toBytes()) {
			throw new IllegalStateException("server.tomcat.max-http-response-header-size (" + this.responseHeaderSize
					+ ") must be at least idp.front-channel.max-state-size plus 8KB ("
					+ this.limits.requiredResponseHeaderSize() + ")");
		}
	}

}
