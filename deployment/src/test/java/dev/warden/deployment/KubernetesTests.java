package dev.warden.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both overlays rendered by kustomize and checked, service by service, against what the
 * services read: ports, probes on the actuator groups, environment, secrets, hardening,
 * scaling and the network boundary.
 */
class KubernetesTests {

	private static final Set<String> PER_SERVICE = Set.of("Deployment", "Service", "ConfigMap",
			"HorizontalPodAutoscaler", "PodDisruptionBudget");

	private static Map<String, List<Map<String, Object>>> overlays;

	@BeforeAll
	static void render() {
		overlays = new LinkedHashMap<>();
		overlays.put("dev", Kustomize.render("dev"));
		overlays.put("prod", Kustomize.render("prod"));
	}

	@Test
	void everyServiceHasItsDeploymentServiceConfigAutoscalerAndBudget() {
		overlays.forEach((overlay, resources) -> {
			for (String service : WardenService.NAMES) {
				for (String kind : PER_SERVICE) {
					String name = kind.equals("ConfigMap") ? service + "-config" : service;
					assertThat(find(resources, kind, name)).as(overlay + ": " + kind + " " + name).isNotNull();
				}
				Map<String, Object> autoscaler = find(resources, "HorizontalPodAutoscaler", service);
				assertThat(Yaml.at(autoscaler, "spec.scaleTargetRef.name")).isEqualTo(service);
			}
		});
	}

	@Test
	void deploymentsRunHardenedWithRequestsAndLimits() {
		overlays.forEach((overlay, resources) -> {
			for (String service : WardenService.NAMES) {
				Map<String, Object> pod = Yaml
					.map(Yaml.at(find(resources, "Deployment", service), "spec.template.spec"));
				String what = overlay + " " + service;
				assertThat(Yaml.at(pod, "securityContext.runAsNonRoot")).as(what).isEqualTo(true);
				assertThat(((Number) Yaml.at(pod, "securityContext.runAsUser")).intValue()).as(what).isPositive();
				Map<String, Object> container = container(pod);
				assertThat(Yaml.at(container, "securityContext.readOnlyRootFilesystem")).as(what).isEqualTo(true);
				assertThat(Yaml.at(container, "securityContext.allowPrivilegeEscalation")).as(what).isEqualTo(false);
				assertThat(Yaml.list(Yaml.at(container, "securityContext.capabilities.drop"))).as(what).contains("ALL");
				for (String resource : List.of("requests.cpu", "requests.memory", "limits.memory", "limits.cpu")) {
					assertThat(Yaml.at(container, "resources." + resource)).as(what + " " + resource).isNotNull();
				}
				assertThat(Yaml.list(container.get("volumeMounts")).stream().map(Yaml::map))
					.as(what + " has a writable /tmp")
					.anyMatch((mount) -> "/tmp".equals(mount.get("mountPath")));
			}
		});
	}

	@Test
	void probesAndPortsAreTheServicesOwn() {
		overlays.forEach((overlay, resources) -> {
			for (WardenService service : WardenService.all()) {
				String what = overlay + " " + service.name();
				Map<String, Object> container = container(
						Yaml.map(Yaml.at(find(resources, "Deployment", service.name()), "spec.template.spec")));
				Map<String, Object> port = Yaml.map(Yaml.list(container.get("ports")).getFirst());
				assertThat(port.get("containerPort")).as(what).isEqualTo(service.port());
				assertThat(Yaml.at(container, "livenessProbe.httpGet.path")).as(what)
					.isEqualTo("/actuator/health/liveness");
				assertThat(Yaml.at(container, "readinessProbe.httpGet.path")).as(what)
					.isEqualTo("/actuator/health/readiness");
				assertThat(Yaml.at(container, "startupProbe.httpGet.path")).as(what).isNotNull();
				for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
					assertThat(Yaml.at(container, probe + ".httpGet.port")).as(what + " " + probe)
						.isEqualTo(port.get("name"));
				}
				Map<String, Object> servicePort = Yaml
					.map(Yaml.list(Yaml.at(find(resources, "Service", service.name()), "spec.ports")).getFirst());
				assertThat(servicePort.get("port")).as(what).isEqualTo(service.port());
				assertThat(servicePort.get("targetPort")).as(what).isEqualTo(port.get("name"));
				assertThat(environment(resources, service.name()).get("SERVER_PORT")).as(what)
					.isEqualTo(String.valueOf(service.port()));
			}
		});
	}

	@Test
	void setsOnlyVariablesTheServicesReadAndEverySecretExists() throws IOException {
		Set<String> secretKeys = new LinkedHashSet<>();
		for (String line : Files.readAllLines(Repository.root().resolve("k8s/overlays/dev/secrets.env.example"))) {
			if (!line.isBlank() && !line.startsWith("#")) {
				secretKeys.add(line.substring(0, line.indexOf('=')));
			}
		}
		Map<String, Object> devSecret = find(overlays.get("dev"), "Secret", "warden-secrets");
		assertThat(Yaml.map(devSecret.get("data")).keySet()).containsExactlyInAnyOrderElementsOf(secretKeys);
		List<String> problems = new ArrayList<>();
		overlays.forEach((overlay, resources) -> {
			for (WardenService service : WardenService.all()) {
				environment(resources, service.name()).keySet()
					.stream()
					.filter((variable) -> !service.properties().reads(variable))
					.forEach((variable) -> problems.add(overlay + " " + service.name() + " sets " + variable));
				Map<String, Object> container = container(
						Yaml.map(Yaml.at(find(resources, "Deployment", service.name()), "spec.template.spec")));
				for (Object entry : Yaml.list(container.get("env"))) {
					Map<String, Object> reference = Yaml.map(Yaml.at(Yaml.map(entry), "valueFrom.secretKeyRef"));
					if (!reference.isEmpty() && !secretKeys.contains(reference.get("key"))) {
						problems.add(overlay + " " + service.name() + " refers to a missing secret key "
								+ reference.get("key"));
					}
				}
			}
		});
		assertThat(problems).isEmpty();
	}

	@Test
	void auditServiceSignsCheckpointsWithTheKeyFromTheSecretAndNoOtherServiceGetsIt() {
		overlays.forEach((overlay, resources) -> {
			Map<String, Object> container = container(
					Yaml.map(Yaml.at(find(resources, "Deployment", "audit-service"), "spec.template.spec")));
			Map<String, Object> reference = Yaml.list(container.get("env"))
				.stream()
				.map(Yaml::map)
				.filter((entry) -> "WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEY".equals(entry.get("name")))
				.map((entry) -> Yaml.map(Yaml.at(entry, "valueFrom.secretKeyRef")))
				.findFirst()
				.orElse(Map.of());
			assertThat(reference).as(overlay + ": the signing key comes from the Secret")
				.containsEntry("name", "warden-secrets")
				.containsEntry("key", "audit-checkpoint-signing-key");
			assertThat(environment(resources, "audit-service")).as(overlay)
				.containsEntry("WARDEN_AUDIT_CHECKPOINTS_SIGNINGKEYID", "k1");
			for (String service : WardenService.NAMES) {
				if (!service.equals("audit-service")) {
					assertThat(environment(resources, service).keySet()).as(overlay + " " + service)
						.noneMatch((variable) -> variable.startsWith("WARDEN_AUDIT_CHECKPOINTS_"));
				}
			}
		});
		Map<String, Object> devSecret = find(overlays.get("dev"), "Secret", "warden-secrets");
		assertThat(Yaml.map(devSecret.get("data"))).containsKey("audit-checkpoint-signing-key");
	}

	@Test
	void addressesPointAtServicesAndDatabasesThatExist() {
		overlays.forEach((overlay, resources) -> {
			for (WardenService service : WardenService.all()) {
				Map<String, String> environment = environment(resources, service.name());
				assertThat(environment.get("SPRING_DATASOURCE_URL")).as(overlay + " " + service.name())
					.contains(":5432/" + service.database());
				assertThat(environment.get("WARDEN_SECURITY_JWKS_URI")).isEqualTo(
						"http://auth-service:" + WardenService.named("auth-service").port() + "/.well-known/jwks.json");
			}
			Map<String, String> gateway = environment(resources, "gateway-service");
			for (WardenService upstream : WardenService.all()) {
				if (!upstream.name().equals("gateway-service")) {
					String key = "WARDEN_GATEWAY_SERVICES_"
							+ PropertyCatalog.environmentForm(upstream.name().replace("-service", ""));
					assertThat(gateway.get(key)).as(overlay + " " + key)
						.isEqualTo("http://" + upstream.name() + ":" + upstream.port());
				}
			}
		});
	}

	@Test
	void devRunsOneReplicaOfEachWithTheInfrastructureInTheCluster() {
		List<Map<String, Object>> dev = overlays.get("dev");
		for (String service : WardenService.NAMES) {
			assertThat(Yaml.at(find(dev, "Deployment", service), "spec.replicas")).isEqualTo(1);
			assertThat(Yaml.at(find(dev, "HorizontalPodAutoscaler", service), "spec.maxReplicas")).isEqualTo(1);
		}
		assertThat(find(dev, "StatefulSet", "postgres")).isNotNull();
		assertThat(find(dev, "StatefulSet", "kafka")).isNotNull();
		assertThat(find(dev, "Deployment", "redis")).isNotNull();
		Map<String, String> common = Yaml.map(find(dev, "ConfigMap", "warden-common").get("data"))
			.entrySet()
			.stream()
			.collect(LinkedHashMap::new, (map, entry) -> map.put(entry.getKey(), entry.getValue().toString()),
					Map::putAll);
		assertThat(common.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:" + servicePort(dev, "kafka"));
		assertThat(common.get("WARDEN_REDIS_ADDRESS")).isEqualTo("redis://redis:" + servicePort(dev, "redis"));
		assertThat(servicePort(dev, "postgres")).isEqualTo(5432);
	}

	@Test
	void prodRunsTwoOrMoreWithOperatorRunClusters() {
		List<Map<String, Object>> prod = overlays.get("prod");
		for (String service : WardenService.NAMES) {
			assertThat((Integer) Yaml.at(find(prod, "Deployment", service), "spec.replicas")).isGreaterThanOrEqualTo(2);
			Map<String, Object> autoscaler = find(prod, "HorizontalPodAutoscaler", service);
			assertThat((Integer) Yaml.at(autoscaler, "spec.minReplicas")).isGreaterThanOrEqualTo(2);
			assertThat((Integer) Yaml.at(autoscaler, "spec.maxReplicas"))
				.isGreaterThan((Integer) Yaml.at(autoscaler, "spec.minReplicas"));
			assertThat(Yaml.at(find(prod, "PodDisruptionBudget", service), "spec.minAvailable")).isEqualTo(1);
		}
		Map<String, Object> postgres = find(prod, "Cluster", "warden-postgres");
		assertThat(postgres.get("apiVersion").toString()).startsWith("postgresql.cnpg.io/");
		Map<String, Object> kafka = find(prod, "Kafka", "warden-kafka");
		assertThat(kafka.get("apiVersion").toString()).startsWith("kafka.strimzi.io/");
		assertThat(prod).noneMatch((resource) -> "StatefulSet".equals(resource.get("kind")));
		Set<String> databases = new LinkedHashSet<>();
		databases.add((String) Yaml.at(postgres, "spec.bootstrap.initdb.database"));
		prod.stream()
			.filter((resource) -> "Database".equals(resource.get("kind")))
			.forEach((database) -> databases.add((String) Yaml.at(database, "spec.name")));
		for (WardenService service : WardenService.all()) {
			assertThat(databases).as("databases in the CloudNativePG cluster").contains(service.database());
			assertThat(environment(prod, service.name()).get("SPRING_DATASOURCE_URL"))
				.startsWith("jdbc:postgresql://warden-postgres-rw:5432/");
		}
		assertThat(Yaml.at(find(prod, "ConfigMap", "warden-common"), "data.SPRING_KAFKA_BOOTSTRAP_SERVERS"))
			.isEqualTo("warden-kafka-kafka-bootstrap:9092");
	}

	@Test
	void onlyTheGatewayIsReachableFromOutside() {
		overlays.forEach((overlay, resources) -> {
			List<Map<String, Object>> policies = resources.stream()
				.filter((resource) -> "NetworkPolicy".equals(resource.get("kind")))
				.toList();
			assertThat(policies).as(overlay + ": a default deny")
				.anyMatch((policy) -> Yaml.map(Yaml.at(policy, "spec.podSelector")).isEmpty()
						&& Yaml.list(Yaml.at(policy, "spec.policyTypes")).contains("Ingress")
						&& Yaml.at(policy, "spec.ingress") == null);
			for (Map<String, Object> policy : policies) {
				for (Object rule : Yaml.list(Yaml.at(policy, "spec.ingress"))) {
					if (Yaml.map(rule).get("from") == null) {
						assertThat(Yaml.at(policy, "spec.podSelector.matchLabels"))
							.as(overlay + ": " + Yaml.at(policy, "metadata.name") + " lets anyone in")
							.isEqualTo(Map.of("app.kubernetes.io/name", "gateway-service"));
					}
				}
			}
			List<Map<String, Object>> ingresses = resources.stream()
				.filter((resource) -> "Ingress".equals(resource.get("kind")))
				.toList();
			assertThat(ingresses).hasSize(1);
			for (Object rule : Yaml.list(Yaml.at(ingresses.getFirst(), "spec.rules"))) {
				for (Object path : Yaml.list(Yaml.at(Yaml.map(rule), "http.paths"))) {
					assertThat(Yaml.at(Yaml.map(path), "backend.service.name")).isEqualTo("gateway-service");
				}
			}
			resources.stream()
				.filter((resource) -> "Service".equals(resource.get("kind")))
				.forEach((service) -> assertThat(Yaml.at(service, "spec.type")).as("no LoadBalancer or NodePort")
					.isNull());
		});
	}

	private static Map<String, Object> find(List<Map<String, Object>> resources, String kind, String name) {
		return resources.stream()
			.filter((resource) -> kind.equals(resource.get("kind")) && name.equals(Yaml.at(resource, "metadata.name")))
			.findFirst()
			.orElse(null);
	}

	private static Map<String, Object> container(Map<String, Object> pod) {
		return Yaml.map(Yaml.list(pod.get("containers")).getFirst());
	}

	private static int servicePort(List<Map<String, Object>> resources, String name) {
		return (Integer) Yaml.map(Yaml.list(Yaml.at(find(resources, "Service", name), "spec.ports")).getFirst())
			.get("port");
	}

	/**
	 * Every variable a service's container gets: its ConfigMaps, then its env entries.
	 */
	private static Map<String, String> environment(List<Map<String, Object>> resources, String service) {
		Map<String, Object> container = container(
				Yaml.map(Yaml.at(find(resources, "Deployment", service), "spec.template.spec")));
		Map<String, String> environment = new LinkedHashMap<>();
		for (Object source : Yaml.list(container.get("envFrom"))) {
			String name = (String) Yaml.at(Yaml.map(source), "configMapRef.name");
			Map<String, Object> configMap = find(resources, "ConfigMap", name);
			assertThat(configMap).as(service + " reads ConfigMap " + name).isNotNull();
			Yaml.map(configMap.get("data")).forEach((key, value) -> environment.put(key, value.toString()));
		}
		for (Object entry : Yaml.list(container.get("env"))) {
			Map<String, Object> variable = Yaml.map(entry);
			environment.put((String) variable.get("name"), String.valueOf(variable.get("value")));
		}
		return environment;
	}

}
