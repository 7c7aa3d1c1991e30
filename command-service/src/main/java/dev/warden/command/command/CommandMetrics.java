package dev.warden.command.command;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Commands by decision and outcome, and how long runs take. */
@Component
class CommandMetrics {

	private final MeterRegistry registry;

	CommandMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void submitted(@Nullable String decision, CommandStatus outcome) {
		Counter.builder("warden.commands")
			.description("Commands submitted, by policy decision and how they ended")
			.tag("decision", (decision != null) ? decision : "NONE")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	void ran(String targetKind, CommandStatus outcome, Duration duration) {
		Timer.builder("warden.commands.execution")
			.description("How long commands run on their targets")
			.tag("target", targetKind)
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.record(duration);
	}

}
