package dev.warden.command.command;

import java.util.UUID;

import dev.warden.contracts.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles runs a crash left behind: their request died between reserving credits and
 * settling them, so their lease ran out. Every replica sweeps; the row lock in
 * {@link Settlements} makes that safe.
 */
@Component
class CommandSweeper {

	private static final Logger logger = LoggerFactory.getLogger(CommandSweeper.class);

	private final Settlements settlements;

	CommandSweeper(Settlements settlements) {
		this.settlements = settlements;
	}

	@Scheduled(fixedDelayString = "${warden.commands.sweep-interval:30s}", initialDelayString = "10s")
	void sweep() {
		Actor system = Actor.system("command-service");
		for (UUID id : this.settlements.lost(100)) {
			try {
				this.settlements.settle(id, system);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not settle command {}; the next sweep retries", id, ex);
			}
		}
	}

}
