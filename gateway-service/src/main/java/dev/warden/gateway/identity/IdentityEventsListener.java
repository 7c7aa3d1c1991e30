package dev.warden.gateway.identity;

import java.time.Instant;

import dev.warden.contracts.Topics;
import dev.warden.contracts.identity.ApiKeyRevoked;
import dev.warden.contracts.identity.UserBlocked;
import dev.warden.contracts.identity.UserRoleChanged;
import dev.warden.contracts.identity.UserTierChanged;
import dev.warden.contracts.identity.UserUnblocked;
import dev.warden.platform.outbox.EventHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;

/**
 * Evicts cached API keys and remembers blocked users when auth-service says so. Every
 * replica listens in a consumer group of its own, so each one sees every event; it starts
 * at the latest offset because its caches start empty (blocks from before the start come
 * from Redis, see {@link BlockedUsers}).
 */
class IdentityEventsListener {

	private static final Logger log = LoggerFactory.getLogger(IdentityEventsListener.class);

	private final ApiKeyExchange keys;

	private final BlockedUsers blocked;

	private final JsonMapper json;

	IdentityEventsListener(ApiKeyExchange keys, BlockedUsers blocked, JsonMapper json) {
		this.keys = keys;
		this.blocked = blocked;
		this.json = json;
	}

	@KafkaListener(topics = Topics.IDENTITY_EVENTS, groupId = "gateway-identity-#{T(java.util.UUID).randomUUID()}",
			properties = "auto.offset.reset=latest")
	void onEvent(String payload, @Header(name = EventHeaders.EVENT_TYPE, required = false) @Nullable String type) {
		JsonNode envelope;
		try {
			envelope = this.json.readTree(payload);
		}
		catch (RuntimeException ex) {
			log.warn("Unreadable identity event ignored: {}", ex.toString());
			return;
		}
		String eventType = (type != null) ? type : envelope.path("type").asString("");
		JsonNode data = envelope.path("data");
		String userId = data.path("userId").asString("");
		switch (eventType) {
			case ApiKeyRevoked.TYPE -> this.keys.evictKey(data.path("keyId").asString(""));
			case UserBlocked.TYPE -> {
				this.blocked.block(userId, timeOf(envelope));
				this.keys.evictUser(userId);
			}
			case UserRoleChanged.TYPE, UserTierChanged.TYPE -> this.keys.evictUser(userId);
			// The user's keys, refused while they were blocked, work again.
			case UserUnblocked.TYPE -> this.keys.forgetRefusals();
			default -> {
				// Other identity events change nothing the gateway holds.
			}
		}
	}

	private static Instant timeOf(JsonNode envelope) {
		try {
			return Instant.parse(envelope.path("time").asString(""));
		}
		catch (RuntimeException ex) {
			return Instant.now();
		}
	}

}
