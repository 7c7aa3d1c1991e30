package dev.warden.auth.session;

import java.time.Duration;
import java.util.Locale;

import dev.warden.auth.config.AuthProperties;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, in Redis so that the limits hold across replicas: a few
 * failed sign-ins lock an account for the window, and one address may try only so often.
 * If Redis does not answer, sign-in is refused (fail closed) rather than left
 * unthrottled.
 */
@Component
class LoginThrottle {

	private final RedissonClient redis;

	private final AuthProperties.Login limits;

	LoginThrottle(RedissonClient redis, AuthProperties properties) {
		this.redis = redis;
		this.limits = properties.login();
	}

	/**
	 * Checks, before the password is, whether this attempt may go ahead.
	 * @param login the name or email tried
	 * @param address the client's address, if known
	 */
	void beforeAttempt(String login, @Nullable String address) {
		try {
			if (address != null) {
				RRateLimiter perAddress = this.redis.getRateLimiter("auth:login:address:" + address);
				perAddress.trySetRate(RateType.OVERALL, this.limits.maxAttemptsPerAddress(), this.limits.window(),
						this.limits.window().multipliedBy(2));
				if (!perAddress.tryAcquire()) {
					throw ProblemException.tooManyRequests("Too many sign-in attempts from your address.",
							this.limits.window());
				}
			}
			RAtomicLong failures = failures(login);
			if (failures.get() >= this.limits.maxFailuresPerAccount()) {
				long remaining = failures.remainTimeToLive();
				throw ProblemException.tooManyRequests("Too many failed sign-ins for this account; try again later.",
						(remaining > 0) ? Duration.ofMillis(remaining) : this.limits.window());
			}
		}
		catch (RedisException ex) {
			throw new ProblemException(ProblemTypes.SERVICE_UNAVAILABLE, "Sign-in is unavailable right now.", ex);
		}
	}

	void failed(String login) {
		try {
			RAtomicLong failures = failures(login);
			if (failures.incrementAndGet() == 1) {
				failures.expire(this.limits.window());
			}
		}
		catch (RedisException ex) {
			// The attempt already failed; an uncounted failure is the lesser evil here.
		}
	}

	void succeeded(String login) {
		try {
			failures(login).delete();
		}
		catch (RedisException ex) {
			// The counter expires by itself.
		}
	}

	private RAtomicLong failures(String login) {
		return this.redis.getAtomicLong("auth:login:failures:" + login.toLowerCase(Locale.ROOT));
	}

}
