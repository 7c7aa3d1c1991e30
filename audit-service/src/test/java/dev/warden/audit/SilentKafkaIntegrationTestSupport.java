package dev.warden.audit;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the tests of a Kafka that hangs share: one audit-service whose only bootstrap
 * address is a {@link SilentBroker}, with the listeners stopped, no scheduled checkpoints
 * and two-second bounds on every Kafka wait that a test checks. One configuration, so
 * that these classes share one application context (and one database) instead of each
 * starting its own.
 */
@WardenIntegrationTest(infrastructure = Service.POSTGRES,
		properties = { "spring.kafka.listener.auto-startup=false", "warden.audit.checkpoints.interval=1h",
				"warden.audit.checkpoints.read-timeout=2s", "spring.kafka.admin.operation-timeout=2s",
				"warden.audit.dead-letters.replay-timeout=2s",
				// KafkaAdmin's topic check times out at startup, then its close waits up
				// to this for the call it gave up on (10 s by default): startup time
				// only.
				"spring.kafka.admin.close-timeout=1s" })
public abstract class SilentKafkaIntegrationTestSupport {

	/**
	 * Open for as long as the JVM runs: the cached context's clients keep this address,
	 * and a closed port would have them reconnect in a loop for the rest of the run.
	 */
	private static final SilentBroker SILENT_BROKER = SilentBroker.open();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", SILENT_BROKER::bootstrapServers);
	}

}
