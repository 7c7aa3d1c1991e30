package dev.warden.command.command;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Submitting and running commands ({@code warden.commands.*}).
 *
 * @param maxLength the longest command line accepted, in bytes of UTF-8
 * @param timeout how long a command may run unless the request asks for less
 * @param maxTimeout the longest a request may ask for
 * @param leaseGrace how long past its time limit a run may go unreported before the
 * sweeper counts it lost and releases its credits
 * @param sweepInterval how often the sweeper looks for lost runs
 * @param defaultTarget the target of a submission that names none, as seed 000's clients
 * send ({@code {"command": "ls"}}); none by default, so such a submission is refused with
 * a 400 that says to name one. The local profile makes it {@code local}.
 */
@ConfigurationProperties("warden.commands")
public record CommandProperties(@DefaultValue("4096") int maxLength, @DefaultValue("30s") Duration timeout,
		@DefaultValue("120s") Duration maxTimeout, @DefaultValue("60s") Duration leaseGrace,
		@DefaultValue("30s") Duration sweepInterval, @Nullable String defaultTarget) {
}
