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

	@Test
	void writesTheCanonicalFormExactlyAsTheFirstVersionDid() {
		// Stored hashes were computed with the first version of the canonical form (one
		// Jackson call per key and string, below); the faster writer must produce the
		// same bytes, or every chain written before it would stop verifying.
		List<String> documents = List.of(
				"{\"b\":1.50,\"a\":{\"y\":[1e2,true,null,-0.0,12345678901234567890],\"x\":\"s\"}}",
				"{\"quote\\\"key\":\"a\\\"b\\\\c/d\",\"ctl\":\"\\u0001\\t\\n\\r\\b\\f\\u001f\",\"uni\":\"é€𝄞\\u2028\\u2029\"}",
				"{\"empty\":{},\"list\":[],\"nested\":[{\"z\":1,\"a\":[{\"k\":\"v\"}]}],\"n\":null,\"f\":false}",
				"{\"html\":\"<script>&amp;</script>\",\"big\":1.0E+400,\"small\":-1e-400,\"int\":-42}",
				"[\"top-level\",1,2.50]", "\"just a string\"", "3.14000");
		for (String document : documents) {
			JsonNode node = JSON.readTree(document);
			StringBuilder expected = new StringBuilder();
			firstVersion(node, expected);
			assertThat(ChainHasher.canonical(node)).as(document).isEqualTo(expected.toString());
		}
	}

	/** The canonical form as first written, kept as the reference. */
	private static void firstVersion(JsonNode node, StringBuilder out) {
		JsonMapper plain = JsonMapper.builder().build();
		if (node.isObject()) {
			java.util.Map<String, JsonNode> sorted = new java.util.TreeMap<>();
			node.properties().forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
			out.append('{');
			List<String> keys = new java.util.ArrayList<>(sorted.keySet());
			for (int i = 0; i < keys.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				out.append(plain.writeValueAsString(keys.get(i))).append(':');
				firstVersion(sorted.get(keys.get(i)), out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				firstVersion(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isNumber()) {
			java.math.BigDecimal number = node.decimalValue();
			out.append((number.signum() == 0) ? "0" : number.stripTrailingZeros().toPlainString());
		}
		else if (node.isString()) {
			out.append(plain.writeValueAsString(node.asString()));
		}
		else if (node.isBoolean()) {
			out.append(node.booleanValue());
		}
		else {
			out.append("null");
		}
	}

}
