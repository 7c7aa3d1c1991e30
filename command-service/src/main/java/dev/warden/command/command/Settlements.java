package dev.warden.command.command;

import java.time.Clock;
import java.util.UUID;

import dev.warden.command.credit.Credits;
import dev.warden.contracts.Actor;
import dev.warden.contracts.audit.Outcome;
import dev.warden.platform.audit.Audit;
import dev.warden.platform.audit.AuditEntry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges or releases a command's held credits once its outcome is known, at most once:
 * the command row is locked while it is settled. Runs after every command, for a retry
 * that finds an unsettled command, and on a schedule for runs a crash left behind.
 */
@Component
class Settlements {

	private final CommandRepository commands;

	private final Credits credits;

	private final Clock clock;

	private final Audit audit;

	Settlements(CommandRepository commands, Credits credits, Clock clock, Audit audit) {
		this.commands = commands;
		this.credits = credits;
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Returns up to {@code limit} commands whose lease ran out unsettled.
	 * @param limit how many
	 * @return their ids
	 */
	@Transactional(readOnly = true)
	public java.util.List<UUID> lost(int limit) {
		return this.commands.findUnsettled(this.clock.instant(), org.springframework.data.domain.Limit.of(limit));
	}

	/**
	 * Settles a command if its outcome is known or its lease ran out.
	 * @param commandId the command
	 * @param actor who settles
	 * @return the command after settling
	 */
	@Transactional
	public CommandView settle(UUID commandId, Actor actor) {
		Command command = this.commands.findForUpdate(commandId).orElseThrow();
		boolean wasRunning = command.status() == CommandStatus.RUNNING;
		Settlement settlement = command.settle(this.clock.instant());
		if (wasRunning && command.status() == CommandStatus.FAILED) {
			this.audit.record(AuditEntry.of("command.failed", Outcome.FAILURE, "command", commandId)
				.detail("target", command.target())
				.detail("reason", command.reason()), actor);
		}
		if (settlement == Settlement.CHARGED) {
			this.credits.charge(command.id(), command.userId(), command.cost(), actor);
		}
		else if (settlement == Settlement.RELEASED) {
			String reason = (command.reason() != null) ? command.reason() : "The command did not succeed.";
			this.credits.release(command.id(), command.userId(), command.cost(), actor, reason);
		}
		return command.view();
	}

}
