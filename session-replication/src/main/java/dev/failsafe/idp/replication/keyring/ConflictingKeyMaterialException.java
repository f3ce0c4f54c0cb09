package dev.failsafe.idp.replication.keyring;

/** A kid was offered with key material different from the material the ring holds for it. */
public final class ConflictingKeyMaterialException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConflictingKeyMaterialException(String kid) {
		super("The key ring already holds different material for kid " + kid);
	}

}
