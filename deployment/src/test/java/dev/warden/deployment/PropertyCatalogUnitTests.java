package dev.warden.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog recognises what Spring Boot would bind, and only that: the deployment
 * checks are as good as this.
 */
class PropertyCatalogUnitTests {

	@Test
	void mapsPropertiesToTheirEnvironmentForm() {
		assertThat(PropertyCatalog.environmentForm("warden.gateway.services.llm-proxy"))
			.isEqualTo("WARDEN_GATEWAY_SERVICES_LLMPROXY");
		assertThat(PropertyCatalog.legacyEnvironmentForm("warden.gateway.services.llm-proxy"))
			.isEqualTo("WARDEN_GATEWAY_SERVICES_LLM_PROXY");
		assertThat(PropertyCatalog.environmentForm("warden.auth.service-clients[0].id"))
			.isEqualTo("WARDEN_AUTH_SERVICECLIENTS_0_ID");
	}

	@Test
	void knowsWhatAuthServiceReadsAndNothingElse() {
		PropertyCatalog auth = WardenService.named("auth-service").properties();
		assertThat(auth.reads("WARDEN_AUTH_TOKEN_HASH_KEY")).isTrue(); // record component
		assertThat(auth.reads("WARDEN_AUTH_SERVICECLIENTS_3_SECRET")).isTrue(); // list of
																				// nested
																				// records
		assertThat(auth.reads("WARDEN_AUTH_LOGIN_WINDOW")).isTrue(); // nested record
		assertThat(auth.reads("WARDEN_SECURITY_JWKS_URI")).isTrue(); // the platform's
		assertThat(auth.reads("SPRING_DATASOURCE_URL")).isTrue(); // Spring Boot's
		assertThat(auth.reads("WARDEN_AUTH_TOKEN_HASH")).isFalse();
		assertThat(auth.reads("WARDEN_AUTH_SERVICECLIENTS_X_SECRET")).isFalse();
		assertThat(auth.reads("WARDEN_POLICY_URL")).isFalse(); // command-service's, not
																// auth's
	}

	@Test
	void knowsMapsListsAndPlaceholders() {
		PropertyCatalog command = WardenService.named("command-service").properties();
		assertThat(command.reads("WARDEN_CREDITS_OPENING_PRO")).isTrue();
		assertThat(command.reads("WARDEN_INSTANCE")).isTrue(); // @Value placeholder
		assertThat(command.reads("WARDEN_AGENTS_ALLOWED_ORIGINS")).isTrue();
		PropertyCatalog gateway = WardenService.named("gateway-service").properties();
		assertThat(gateway.reads("WARDEN_GATEWAY_SERVICES_LLMPROXY")).isTrue();
		assertThat(gateway.reads("WARDEN_GATEWAY_SERVICES_LLM_PROXY")).isTrue(); // Boot's
																					// legacy
																					// form
		assertThat(gateway.reads("WARDEN_GATEWAY_SERVICES_LLM")).isFalse();
		assertThat(gateway.reads("WARDEN_GATEWAY_SERVICE_AUTH")).isFalse();
	}

}
