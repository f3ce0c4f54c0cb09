package dev.failsafe.idp.replication.keyring;

/**
 * An operator's backup of the whole ring: the ring file's JSON sealed under the KEK (AES-GCM,
 * context {@value #CONTEXT}), as one base64url string. Private keys inside stay sealed as in the
 * ring, so a backup is useless without the KEK; tampering is detected on {@link #open}.
 */
public final class KeyRingBackup {

	/** The AES-GCM associated data of a backup, so a ring file cannot be passed off as one. */
	public static final String CONTEXT = "keyring-backup";

	private final KeyEncryptionKey kek;

	public KeyRingBackup(KeyEncryptionKey kek) {
		this.kek = kek;
	}

	public String seal(KeyRingSnapshot ring) {
		return this.kek.seal(CONTEXT, RingFileFormat.write(ring));
	}

	/**
	 * @throws SealedDataException if the backup was altered or sealed under another KEK
	 */
	public KeyRingSnapshot open(String backup) {
		byte[] json = this.kek.open(CONTEXT, backup.strip());
		return RingFileFormat.read(json);
	}

}
