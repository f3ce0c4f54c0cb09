package dev.failsafe.idp.server.admin;

import dev.failsafe.idp.testing.signin.BackChannel;

import static org.assertj.core.api.Assertions.assertThat;

/** What every refusal of the admin API looks like: an RFC 9457 problem with its status and a detail. */
final class ProblemAssertions {

	private ProblemAssertions() {
	}

	static void assertProblem(BackChannel.Reply reply, int status) {
		assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
		assertThat(reply.raw().headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(reply.json()).containsEntry("status", status).containsKey("detail");
	}

}
