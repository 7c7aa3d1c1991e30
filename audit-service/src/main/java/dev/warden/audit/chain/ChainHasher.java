package dev.warden.audit.chain;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Computes a record's hash: {@code SHA-256(canonical form || previous hash)}, in lower
 * case hex. The canonical form is JSON with sorted keys, no white space, and numbers in
 * plain notation without trailing zeros, so that details read back from {@code jsonb}
 * (which normalises numbers and reorders keys) hash exactly as they did when they were
 * written.
 */
public final class ChainHasher {

	/** The previous hash of the first record. */
	public static final String GENESIS = "0".repeat(64);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ChainHasher() {
	}

	/**
	 * Returns the hash a record must carry.
	 * @param record the record; its own hash is ignored
	 * @return the hash
	 */
	public static String hash(AuditRecord record) {
		return hash(record.sequence(), record.eventId(), record.time(), record.service(), record.subject(),
				record.actorKind(), record.actorId(), record.actorName(), record.actorRoles(), record.clientAddress(),
				record.action(), record.outcome(), record.resourceType(), record.resourceId(), record.details(),
				record.traceId(), record.previousHash());
	}

	/**
	 * Returns the hash of a record's fields chained to the previous hash.
	 * @return the hash
	 */
	@SuppressWarnings("ParameterNumber")
	public static String hash(long sequence, UUID eventId, Instant time, String service, String subject,
			String actorKind, String actorId, String actorName, List<String> actorRoles, @Nullable String clientAddress,
			String action, String outcome, String resourceType, @Nullable String resourceId, JsonNode details,
			@Nullable String traceId, String previousHash) {
		ObjectNode form = JsonNodeFactory.instance.objectNode();
		form.put("sequence", sequence);
		form.put("eventId", eventId.toString());
		form.put("time", time.toString());
		form.put("service", service);
		form.put("subject", subject);
		form.put("actorKind", actorKind);
		form.put("actorId", actorId);
		form.put("actorName", actorName);
		form.putArray("actorRoles").addAll(actorRoles.stream().map(JsonNodeFactory.instance::stringNode).toList());
		form.put("clientAddress", clientAddress);
		form.put("action", action);
		form.put("outcome", outcome);
		form.put("resourceType", resourceType);
		form.put("resourceId", resourceId);
		form.set("details", details);
		form.put("traceId", traceId);
		String canonical = canonical(form);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
			sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Returns the canonical form of a JSON value. One generator writes the whole form, so
	 * strings and keys are escaped exactly as Jackson writes them, without a serializer
	 * call per key and string (about 30 per record, a measurable part of the ingest's
	 * CPU; see docs/benchmarks.md).
	 * @param node the value
	 * @return its canonical JSON
	 */
	static String canonical(JsonNode node) {
		StringWriter text = new StringWriter(1024);
		try (JsonGenerator generator = JSON.createGenerator(text)) {
			write(node, generator);
		}
		return text.toString();
	}

	private static void write(JsonNode node, JsonGenerator out) {
		if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach((entry) -> sorted.put(entry.getKey(), entry.getValue()));
			out.writeStartObject();
			for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
				out.writeName(entry.getKey());
				write(entry.getValue(), out);
			}
			out.writeEndObject();
		}
		else if (node.isArray()) {
			out.writeStartArray();
			for (int i = 0; i < node.size(); i++) {
				write(node.get(i), out);
			}
			out.writeEndArray();
		}
		else if (node.isNumber()) {
			BigDecimal number = node.decimalValue();
			// Written as is: plain notation without trailing zeros.
			out.writeNumber((number.signum() == 0) ? "0" : number.stripTrailingZeros().toPlainString());
		}
		else if (node.isString()) {
			out.writeString(node.asString());
		}
		else if (node.isBoolean()) {
			out.writeBoolean(node.booleanValue());
		}
		else {
			out.writeNull();
		}
	}

}
