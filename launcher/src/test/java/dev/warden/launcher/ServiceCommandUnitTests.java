package dev.warden.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCommandUnitTests {

	@Test
	void givesTheGatewayTheAddressOfEveryServiceFromTheChosenPorts(@TempDir Path home) {
		Settings settings = Settings.from(Path.of("/repo"),
				Map.of("WARDEN_AUTH_SERVICE_PORT", "9581", "WARDEN_LLM_PROXY_SERVICE_PORT", "9585"));
		Secrets secrets = Secrets.loadOrCreate(home.resolve("secrets.properties"));
		ServiceSpec gateway = ServiceSpec.named("gateway").orElseThrow();

		Map<String, String> environment = ServiceCommand
			.environment(new ServiceInstance(gateway, 0, settings.portOf(gateway, 0)), settings, secrets);

		assertThat(environment).containsEntry("WARDEN_GATEWAY_SERVICES_AUTH", "http://localhost:9581")
			.containsEntry("WARDEN_GATEWAY_SERVICES_COMMAND", "http://localhost:8082")
			.containsEntry("WARDEN_GATEWAY_SERVICES_RULES", "http://localhost:8083")
			.containsEntry("WARDEN_GATEWAY_SERVICES_AUDIT", "http://localhost:8084")
			.containsEntry("WARDEN_GATEWAY_SERVICES_LLM_PROXY", "http://localhost:9585")
			.containsEntry("WARDEN_GATEWAY_SERVICES_TERMINAL", "http://localhost:8086")
			.doesNotContainKey("WARDEN_GATEWAY_SERVICES_GATEWAY");
	}

	@Test
	void givesTheGatewayEveryCopyOfAServiceThatRunsSeveral(@TempDir Path home) {
		Settings settings = Settings.from(Path.of("/repo"), Map.of());
		ServiceSpec gateway = ServiceSpec.named("gateway").orElseThrow();
		ServiceSpec command = ServiceSpec.named("command").orElseThrow();

		Map<String, String> environment = ServiceCommand.environment(
				new ServiceInstance(gateway, 0, settings.portOf(gateway, 0)), settings,
				Secrets.loadOrCreate(home.resolve("secrets.properties")), (service) -> service.equals(command) ? 3 : 1);

		assertThat(environment).containsEntry("WARDEN_GATEWAY_SERVICES_COMMAND", "http://localhost:8082")
			.containsEntry("WARDEN_GATEWAY_SERVICES_REPLICAS_COMMAND", "http://localhost:8182,http://localhost:8282")
			.doesNotContainKey("WARDEN_GATEWAY_SERVICES_REPLICAS_RULES");
	}

	@Test
	void givesOtherServicesNoGatewayAddresses(@TempDir Path home) {
		Settings settings = Settings.from(Path.of("/repo"), Map.of());
		ServiceSpec rules = ServiceSpec.named("rules").orElseThrow();
		Map<String, String> environment = ServiceCommand.environment(new ServiceInstance(rules, 0, 8083), settings,
				Secrets.loadOrCreate(home.resolve("secrets.properties")));
		assertThat(environment.keySet()).noneMatch((key) -> key.startsWith("WARDEN_GATEWAY_SERVICES_"));
	}

	@Test
	void replacesTheHmacCheckpointKeyOfAnOlderDataDirectoryWithAnEd25519Key(@TempDir Path home) throws Exception {
		Path file = home.resolve("secrets.properties");
		String hmac = Base64.getEncoder().encodeToString(new byte[32]);
		Files.writeString(file, "audit.checkpoint-signing-key=" + hmac + "\nauth.token-hash-key=kept\n");
		Secrets secrets = Secrets.loadOrCreate(file);
		assertThat(secrets.checkpointSigningKey()).isNotEqualTo(hmac);
		ed25519PrivateKey(secrets.checkpointSigningKey());
		assertThat(secrets.tokenHashKey()).isEqualTo("kept");
		assertThat(Secrets.loadOrCreate(file).checkpointSigningKey()).as("stored")
			.isEqualTo(secrets.checkpointSigningKey());
	}

	@Test
	void givesAuditServiceItsCheckpointSigningKeyAndNoOneElse(@TempDir Path home) throws Exception {
		Settings settings = Settings.from(Path.of("/repo"), Map.of());
		Secrets secrets = Secrets.loadOrCreate(home.resolve("secrets.properties"));
		ServiceSpec audit = ServiceSpec.named("audit").orElseThrow();
		Map<String, String> environment = ServiceCommand.environment(new ServiceInstance(audit, 0, 8084), settings,
				secrets);
		assertThat(environment).containsEntry("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID", "local")
			.containsEntry("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEY", secrets.checkpointSigningKey())
			.doesNotContainKey("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYS_LOCAL");
		assertThat(ed25519PrivateKey(secrets.checkpointSigningKey()).getAlgorithm()).isIn("Ed25519", "EdDSA");
		assertThat(Secrets.loadOrCreate(home.resolve("secrets.properties")).checkpointSigningKey())
			.as("kept with the data")
			.isEqualTo(secrets.checkpointSigningKey());
		ServiceSpec rules = ServiceSpec.named("rules").orElseThrow();
		assertThat(ServiceCommand.environment(new ServiceInstance(rules, 0, 8083), settings, secrets).keySet())
			.noneMatch((key) -> key.startsWith("WARDEN_AUDIT_"));
	}

	private static PrivateKey ed25519PrivateKey(String encoded) throws Exception {
		return KeyFactory.getInstance("Ed25519")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
	}

}
