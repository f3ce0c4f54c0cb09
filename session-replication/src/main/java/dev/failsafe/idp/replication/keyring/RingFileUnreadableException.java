package dev.failsafe.idp.replication.keyring;

import java.nio.file.Path;

/**
 * The local ring file exists but cannot be trusted: it was altered, truncated, or sealed under
 * another key-encryption key. It is never dropped silently; an operator restores it or removes it
 * (the member then reloads the ring from the cluster).
 */
public final class RingFileUnreadableException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	RingFileUnreadableException(Path file, String reason, Throwable cause) {
		super("The key ring file " + file.toAbsolutePath() + " cannot be read: " + reason, cause);
	}

}
