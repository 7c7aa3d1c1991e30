package dev.warden.command.credit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Credits ({@code warden.credits.*}).
 *
 * @param opening the balance an account opens with, by tier (the {@code tier} claim of
 * the caller's token)
 * @param defaultTier the tier of a caller whose token names none or an unknown one
 * @param maxGrant the most an administrator grants in one go
 */
@ConfigurationProperties("warden.credits")
public record CreditProperties(Map<String, Long> opening, @DefaultValue("FREE") String defaultTier,
		@DefaultValue("1000000") long maxGrant) {

	/**
	 * The opening balance for a tier.
	 * @param tier the tier, or {@code null}
	 * @return the opening balance; that of the default tier for an unknown tier
	 */
	public long openingFor(@Nullable String tier) {
		Long amount = (tier != null) ? this.opening.get(tier) : null;
		if (amount == null) {
			amount = this.opening.getOrDefault(this.defaultTier, 0L);
		}
		return amount;
	}

}
