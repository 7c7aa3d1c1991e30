package dev.warden.launcher;

/** A problem the launcher explains to the user in one message, without a stack trace. */
final class LauncherException extends RuntimeException {

	LauncherException(String message) {
		super(message);
	}

	LauncherException(String message, Throwable cause) {
		super(message, cause);
	}

}
