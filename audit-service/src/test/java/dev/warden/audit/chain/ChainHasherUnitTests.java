package dev.warden.audit.chain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ChainHasherUnitTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
		.build();

	private static final UUID EVENT = UUID.fromString("0193a5b2-7c1e-7000-8000-000000000001");

	@Test
	void hashesDetailsTheSameWhateverTheKeyOrderAndNumberNotation() {
		assertThat(hash("{\"b\":1.50,\"a\":{\"y\":[1e2,true,null],\"x\":\"s\"}}", ChainHasher.GENESIS))
			.isEqualTo(hash("{\"a\":{\"x\":\"s\",\"y\":[100,true,null]},\"b\":1.5}", ChainHasher.GENESIS));
	}

	@Test
	void changesWithAnyDetailAndWithThePreviousHash() {
		String original = hash("{\"note\":\"original\"}", ChainHasher.GENESIS);
		assertThat(hash("{\"note\":\"forged\"}", ChainHasher.GENESIS)).isNotEqualTo(original);
		assertThat(hash("{\"note\":\"original\",\"extra\":0}", ChainHasher.GENESIS)).isNotEqualTo(original);
		assertThat(hash("{\"note\":\"original\"}", "1".repeat(64))).isNotEqualTo(original);
		assertThat(original).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void keepsStringsApartThatOnlyLookAlikeOnceConcatenated() {
		String ab = ChainHasher.hash(1, EVENT, Instant.EPOCH, "svc", "s", "USER", "ab", "n", List.of(), null, "x.y",
				"SUCCESS", "r", null, node("{}"), null, ChainHasher.GENESIS);
		String a = ChainHasher.hash(1, EVENT, Instant.EPOCH, "svc", "s", "USER", "a", "bn", List.of(), null, "x.y",
				"SUCCESS", "r", null, node("{}"), null, ChainHasher.GENESIS);
		assertThat(ab).isNotEqualTo(a);
	}

	private static String hash(String details, String previous) {
		return ChainHasher.hash(7, EVENT, Instant.parse("2026-11-23T02:00:00.123456Z"), "command-service", "command-1",
				"USER", "alice", "Alice", List.of("MEMBER"), "10.0.0.7", "command.executed", "SUCCESS", "command", "1",
				node(details), "trace", previous);
	}

	private static JsonNode node(String json) {
		return JSON.readTree(json);
	}

}
