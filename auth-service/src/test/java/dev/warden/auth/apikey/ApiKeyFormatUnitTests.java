package dev.warden.auth.apikey;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatUnitTests {

	@Test
	void generatesKeysWithPrefixIdSecretAndChecksum() {
		String key = ApiKeyFormat.generate();

		assertThat(key).hasSize(ApiKeyFormat.LENGTH).startsWith("wdn_").matches("wdn_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}");
		assertThat(ApiKeyFormat.lookupId(key)).hasValue(key.substring(4, 16));
	}

	@Test
	void carriesAtLeast128RandomBits() {
		// 32 base-62 characters: log2(62^32) = 190 bits.
		assertThat(32 * Math.log(62) / Math.log(2)).isGreaterThan(128);
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			keys.add(ApiKeyFormat.generate());
		}
		assertThat(keys).hasSize(10_000);
	}

	@Test
	void rejectsATypoWithoutALookup() {
		String key = ApiKeyFormat.generate();
		char last = key.charAt(30);
		String typo = key.substring(0, 30) + ((last == 'a') ? 'b' : 'a') + key.substring(31);

		assertThat(ApiKeyFormat.lookupId(typo)).isEmpty();
		assertThat(ApiKeyFormat.lookupId(key.substring(1))).isEmpty();
		assertThat(ApiKeyFormat.lookupId("admin-secret-key")).isEmpty();
		assertThat(ApiKeyFormat.lookupId("wdn_" + "!".repeat(ApiKeyFormat.LENGTH - 4))).isEmpty();
	}

	@Test
	void showsOnlyAHintInLists() {
		assertThat(ApiKeyFormat.hint("3fA9kq2LmZ8x")).isEqualTo("wdn_3fA9kq2LmZ8x_…");
		assertThat(ApiKeyFormat.hint(ApiKeyFormat.unformattedLookup(new byte[32]))).isEqualTo("(demo key)");
	}

}
