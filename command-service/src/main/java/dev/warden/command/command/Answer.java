package dev.warden.command.command;

import dev.warden.command.approval.ApprovalView;

/** How a submission was answered. */
public sealed interface Answer {

	/**
	 * The command the answer is about.
	 * @return the command
	 */
	CommandView command();

	/**
	 * The HTTP status of the answer.
	 * @return the status
	 */
	int status();

	/**
	 * The command ran (successfully or not).
	 *
	 * @param command the command
	 */
	record Ran(CommandView command) implements Answer {

		@Override
		public int status() {
			return 201;
		}

	}

	/**
	 * The policy blocked the command.
	 *
	 * @param command the command
	 */
	record Rejected(CommandView command) implements Answer {

		@Override
		public int status() {
			return 403;
		}

	}

	/**
	 * The command waits for an approval.
	 *
	 * @param command the command
	 * @param approval the approval it waits for
	 */
	record AwaitingApproval(CommandView command, ApprovalView approval) implements Answer {

		@Override
		public int status() {
			return 202;
		}

	}

}
