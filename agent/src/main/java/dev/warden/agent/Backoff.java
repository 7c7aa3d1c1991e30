package dev.warden.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with full jitter: the n-th delay is drawn uniformly from zero to
 * {@code min(max, initial * 2^n)}. Spreading the whole range, rather than adding a little
 * noise to a fixed delay, keeps a fleet of agents that lost the same server from coming
 * back in one wave.
 */
public final class Backoff {

	/** Past this many doublings every initial delay worth having has reached any cap. */
	private static final int MAX_EXPONENT = 40;

	private final Duration initial;

	private final Duration max;

	private final DoubleSupplier random;

	private int attempt;

	/**
	 * Creates a back-off.
	 * @param initial the ceiling of the first delay
	 * @param max the cap of every ceiling
	 */
	public Backoff(Duration initial, Duration max) {
		this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
	}

	Backoff(Duration initial, Duration max, DoubleSupplier random) {
		if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("Back-off needs 0 < initial <= max");
		}
		this.initial = initial;
		this.max = max;
		this.random = random;
	}

	/**
	 * Returns the largest delay the given attempt can draw.
	 * @param attempt the attempt, from zero
	 * @return {@code min(max, initial * 2^attempt)}
	 */
	public Duration ceiling(int attempt) {
		int exponent = Math.min(Math.max(attempt, 0), MAX_EXPONENT);
		long millis = this.initial.toMillis();
		long cap = this.max.toMillis();
		if (millis > (cap >> exponent)) {
			return this.max;
		}
		return Duration.ofMillis(Math.min(cap, millis << exponent));
	}

	/**
	 * Returns the delay before the next attempt and counts the attempt.
	 * @return a delay between zero and the current ceiling
	 */
	public synchronized Duration next() {
		Duration ceiling = ceiling(this.attempt);
		if (this.attempt < MAX_EXPONENT) {
			this.attempt++;
		}
		double draw = Math.min(Math.max(this.random.getAsDouble(), 0.0), 1.0);
		return Duration.ofMillis(Math.round(draw * ceiling.toMillis()));
	}

	/** Starts over after a connection that worked. */
	public synchronized void reset() {
		this.attempt = 0;
	}

}
