package dev.warden.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.warden.contracts.audit.AuditRecorded;
import dev.warden.contracts.audit.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class EventEnvelopeUnitTests {

	private static final Actor ACTOR = new Actor(Actor.Kind.USER, "u-1", "Ada", List.of("ADMIN"), "10.0.0.7");

	@Test
	void refusesAnEnvelopeWithoutItsRequiredParts() {
		UUID id = EventIds.next();
		Instant now = Instant.now();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventEnvelope<>(id, " ", 1, "svc", now, "s", ACTOR, null, "data"))
			.withMessageContaining("type");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventEnvelope<>(id, "t", 0, "svc", now, "s", ACTOR, null, "data"))
			.withMessageContaining("version");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventEnvelope<>(id, "t", 1, "svc", now, "", ACTOR, null, "data"))
			.withMessageContaining("subject");
		assertThatNullPointerException()
			.isThrownBy(() -> new EventEnvelope<>(id, "t", 1, "svc", now, "s", null, null, "data"));
	}

	@Test
	void allowsAnEnvelopeWithoutATrace() {
		EventEnvelope<String> envelope = new EventEnvelope<>(EventIds.next(), "t", 1, "svc", Instant.now(), "s", ACTOR,
				null, "data");

		assertThat(envelope.traceId()).isNull();
	}

	@Test
	void copiesTheActorsRolesAndTheAuditDetails() {
		List<String> roles = new java.util.ArrayList<>(List.of("MEMBER"));
		Actor actor = new Actor(Actor.Kind.USER, "u", "n", roles, null);
		roles.add("ADMIN");
		Map<String, Object> details = new java.util.HashMap<>(Map.of("exitCode", 0));
		AuditRecorded event = new AuditRecorded("command.executed", Outcome.SUCCESS, "command", "42", details);
		details.put("secret", "x");

		assertThat(actor.roles()).containsExactly("MEMBER");
		assertThat(event.details()).containsOnlyKeys("exitCode");
	}

	@Test
	void namesASystemActorAfterTheService() {
		Actor system = Actor.system("rules-service");

		assertThat(system.kind()).isEqualTo(Actor.Kind.SYSTEM);
		assertThat(system.id()).isEqualTo("rules-service");
		assertThat(system.roles()).isEmpty();
	}

}
