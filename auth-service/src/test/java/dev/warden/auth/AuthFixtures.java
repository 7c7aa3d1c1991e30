package dev.warden.auth;

import java.util.concurrent.atomic.AtomicInteger;

/** Object mother for users in tests. */
public final class AuthFixtures {

	/** A password that passes the policy. */
	public static final String PASSWORD = "correct horse battery staple 42";

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private AuthFixtures() {
	}

	/** A username no other test uses. */
	public static String uniqueName(String prefix) {
		return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffff);
	}

}
