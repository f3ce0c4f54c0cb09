package dev.failsafe.idp.server.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Audit lines are typed: an event with exactly its fields, written as key-value pairs and text. */
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest {

	private final AuditLog audit = new AuditLog();

	@Test
	void writeWhenEntryCompleteThenEventAndEachFieldInTheLine(CapturedOutput output) {
		this.audit.write(AuditEntry.of(AuditEvent.KEY_REVOKED).with(AuditField.KID, "kid-1").with(AuditField.ACTOR,
				"demo-admin"));
		assertThat(output.getAll().lines().filter(line -> line.contains("key.revoked")))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("kid=kid-1").contains("actor=demo-admin"));
	}

	@Test
	void writeWhenFieldMissingOrForeignThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.audit.write(AuditEntry.of(AuditEvent.KEY_REVOKED).with(AuditField.KID, "kid-1")))
			.withMessageContaining("key.revoked");
		assertThatIllegalArgumentException().isThrownBy(() -> this.audit.write(AuditEntry.of(AuditEvent.KEY_REVOKED)
			.with(AuditField.KID, "kid-1")
			.with(AuditField.ACTOR, "demo-admin")
			.with(AuditField.OUTCOME, "200")));
	}

	@Test
	void adminCallWhenMethodGivenThenEventOfThatMethod() {
		assertThat(AuditEvent.adminCall("post")).isEqualTo(AuditEvent.ADMIN_POST);
		assertThat(AuditEvent.adminCall("DELETE").eventName()).isEqualTo("admin.delete");
		assertThat(AuditEvent.adminCall("OPTIONS")).isEqualTo(AuditEvent.ADMIN_OTHER);
	}

}
