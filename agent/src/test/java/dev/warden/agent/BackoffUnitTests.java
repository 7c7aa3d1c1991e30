package dev.warden.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffUnitTests {

	@Test
	void ceilingDoublesFromTheInitialDelayUpToTheCap() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
		assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7, 100, Integer.MAX_VALUE).stream().map(backoff::ceiling))
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
					Duration.ofSeconds(16), Duration.ofSeconds(32), Duration.ofSeconds(60), Duration.ofSeconds(60),
					Duration.ofSeconds(60), Duration.ofSeconds(60));
	}

	@Test
	void drawsEachDelayFromZeroToTheCeilingOfItsAttempt() {
		Backoff highest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), () -> 1.0);
		List<Duration> top = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			top.add(highest.next());
		}
		assertThat(top).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10),
				Duration.ofSeconds(10));

		Backoff lowest = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), () -> 0.0);
		for (int i = 0; i < 8; i++) {
			assertThat(lowest.next()).isEqualTo(Duration.ZERO);
		}
	}

	@Test
	void neverLeavesTheBoundsWithRealRandomness() {
		Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
		for (int attempt = 0; attempt < 1000; attempt++) {
			Duration delay = backoff.next();
			assertThat(delay).isBetween(Duration.ZERO, backoff.ceiling(attempt))
				.isLessThanOrEqualTo(Duration.ofSeconds(5));
		}
	}

	@Test
	void startsOverAfterReset() {
		Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), () -> 1.0);
		backoff.next();
		backoff.next();
		assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
		backoff.reset();
		assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void refusesACapBelowTheInitialDelay() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
	}

}
