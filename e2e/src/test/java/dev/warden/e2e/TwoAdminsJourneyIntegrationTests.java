package dev.warden.e2e;

import java.util.Map;

import dev.warden.e2e.Edge.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four eyes: an administrator's own risky command waits for another administrator; nobody
 * approves their own request.
 */
@ExtendWith(Suite.Extension.class)
class TwoAdminsJourneyIntegrationTests {

	@Test
	void aSecondAdminApprovesWhatTheFirstAskedForAndNobodyApprovesTheirOwn(Suite suite) {
		Edge edge = suite.edge();
		String[] first = Edge.apiKey("admin-secret-key");
		String unique = Long.toString(System.nanoTime(), 36);
		String password = "the second admin's own passphrase " + unique;
		Response created = edge.post("/users", Map.of("username", "second-admin-" + unique, "email",
				"second-admin-" + unique + "@example.com", "role", "ADMIN", "tier", "ENTERPRISE", "password", password),
				first);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		// Deciding approvals takes the admin scope, which a signed-in administrator's
		// token carries (a new user's first API key gets the everyday scopes only).
		Response signedIn = edge.form("/token",
				Map.of("grant_type", "password", "username", "second-admin-" + unique, "password", password));
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
		String[] second = Edge.bearer(signedIn.text("access_token"));

		// sudo needs approval in the default pack, whoever asks.
		String command = "sudo true # " + unique;
		Response waiting = edge.post("/commands/execute", Map.of("command", command), first);
		assertThat(waiting.status()).as(waiting.toString()).isEqualTo(202);
		String approval = waiting.body().path("approval").path("id").asString();

		Response own = edge.post("/api/v1/approvals/" + approval + "/approve", Map.of("note", "me"), first);
		assertThat(own.status()).as(own.toString()).isEqualTo(403);
		Response other = edge.post("/api/v1/approvals/" + approval + "/approve", Map.of("note", "four eyes"), second);
		assertThat(other.status()).as(other.toString()).isEqualTo(200);
		assertThat(other.text("decidedByName")).isEqualTo("second-admin-" + unique);

		Response ran = edge.post("/api/v1/approvals/" + approval + "/execute", Map.of(), first);
		assertThat(ran.status()).as(ran.toString()).isEqualTo(201);
		assertThat(ran.text("command")).isEqualTo(command);
	}

}
