package dev.warden.command.agent;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The agent metrics: {@code warden.agents.connected} (agents registered on this replica),
 * {@code warden.agents.dispatches} (by {@code outcome} and {@code via}),
 * {@code warden.agents.dispatch.duration} (round trip, by {@code outcome}),
 * {@code warden.agents.handshakes} (by {@code outcome}) and
 * {@code warden.agents.disconnections} (by close {@code code}).
 */
@Component
class AgentMetrics {

	private final MeterRegistry registry;

	AgentMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void connectedGauge(Supplier<Number> connected) {
		Gauge.builder("warden.agents.connected", connected)
			.description("Agents registered on this replica")
			.register(this.registry);
	}

	void dispatched(String via, AgentReply.Status status, Duration roundTrip) {
		Counter.builder("warden.agents.dispatches")
			.description("Commands sent to agents, by how they ended")
			.tag("outcome", status.tag())
			.tag("via", via)
			.register(this.registry)
			.increment();
		Timer.builder("warden.agents.dispatch.duration")
			.description("From sending a command to an agent to its answer, timeout or disconnect")
			.tag("outcome", status.tag())
			.publishPercentileHistogram()
			.register(this.registry)
			.record(roundTrip);
	}

	void handshake(String outcome) {
		Counter.builder("warden.agents.handshakes")
			.description("Agent connection attempts, by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	void disconnected(int code) {
		Counter.builder("warden.agents.disconnections")
			.description("Agent connections that ended, by close code")
			.tag("code", Integer.toString(code))
			.register(this.registry)
			.increment();
	}

}
