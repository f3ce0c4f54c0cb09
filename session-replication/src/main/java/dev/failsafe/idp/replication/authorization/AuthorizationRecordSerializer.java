package dev.failsafe.idp.replication.authorization;

import java.time.Instant;
import java.util.Set;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;

/**
 * How Hazelcast stores an {@link AuthorizationRecord}: Hazelcast's Compact format, type
 * {@value #TYPE_NAME}, fields {@code id}, {@code version}, {@code principalName}, {@code tokenHashes},
 * {@code retiredTokenHashes}, {@code expiresAtSeconds}, {@code expiresAtNanos}, {@code payload}.
 * The schema is kept once per member, not in every entry (as Java serialization writes the class
 * descriptions of the record, its sets and its instant), and the principal index reads
 * {@code principalName} from the stored bytes, so no deserialized copy of each record is kept
 * beside the index.
 */
final class AuthorizationRecordSerializer implements CompactSerializer<AuthorizationRecord> {

	/** The Compact type name. */
	static final String TYPE_NAME = "idp.AuthorizationRecord";

	@Override
	public String getTypeName() {
		return TYPE_NAME;
	}

	@Override
	public Class<AuthorizationRecord> getCompactClass() {
		return AuthorizationRecord.class;
	}

	@Override
	public void write(CompactWriter out, AuthorizationRecord record) {
		out.writeString("id", record.id());
		out.writeInt64("version", record.version());
		out.writeString(HazelcastAuthorizationStore.PRINCIPAL_ATTRIBUTE, record.principalName());
		out.writeArrayOfString("tokenHashes", record.tokenHashes().toArray(String[]::new));
		out.writeArrayOfString("retiredTokenHashes", record.retiredTokenHashes().toArray(String[]::new));
		out.writeInt64("expiresAtSeconds", record.expiresAt().getEpochSecond());
		out.writeInt32("expiresAtNanos", record.expiresAt().getNano());
		out.writeString("payload", record.payload());
	}

	@Override
	public AuthorizationRecord read(CompactReader in) {
		return new AuthorizationRecord(in.readString("id"), in.readInt64("version"),
				in.readString(HazelcastAuthorizationStore.PRINCIPAL_ATTRIBUTE), Set.of(in.readArrayOfString("tokenHashes")),
				Set.of(in.readArrayOfString("retiredTokenHashes")),
				Instant.ofEpochSecond(in.readInt64("expiresAtSeconds"), in.readInt32("expiresAtNanos")),
				in.readString("payload"));
	}

}
