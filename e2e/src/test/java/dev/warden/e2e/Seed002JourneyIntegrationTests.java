package dev.warden.e2e;

import java.util.Map;

import dev.warden.e2e.Edge.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 002 (shared authentication): refresh tokens issued, validated, rotated and
 * revoked, through the gateway and seed 004's {@code /api/auth/...} paths.
 */
@ExtendWith(Suite.Extension.class)
class Seed002JourneyIntegrationTests {

	@Test
	void refreshTokensAreIssuedRotatedAndRevoked(Suite suite) throws InterruptedException {
		Edge edge = suite.edge();
		Response login = edge.post("/api/auth/login",
				Map.of("username", "johndoe", "password", suite.memberPassword()));
		assertThat(login.status()).as(login.toString()).isEqualTo(200);
		String refresh = login.text("refresh_token");
		assertThat(refresh).isNotBlank();
		assertThat(edge.get("/api/auth/me", Edge.bearer(login.text("access_token")))
			.body()
			.path("user")
			.path("username")
			.asString()).isEqualTo("johndoe");

		// Rotation: the refresh token buys a new pair and is used up.
		Response rotated = edge.post("/api/auth/refresh", Map.of("refreshToken", refresh));
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String next = rotated.text("refresh_token");
		assertThat(next).isNotEqualTo(refresh);
		assertThat(edge.get("/api/auth/me", Edge.bearer(rotated.text("access_token"))).status()).isEqualTo(200);

		// Revocation: after logout the session's refresh token is refused.
		Response logout = edge.post("/api/auth/logout", Map.of("refreshToken", next));
		assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
		Response refused = edge.post("/api/auth/refresh", Map.of("refreshToken", next));
		assertThat(refused.status()).as(refused.toString()).isBetween(400, 401);
	}

}
