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
	 * Whether this answer repeats the first answer to the same idempotency key.
	 * @return whether it is a replay
	 */
	boolean replayed();

	/**
	 * The command ran (successfully or not).
	 *
	 * @param command the command
	 * @param replayed whether this repeats an earlier answer
	 */
	record Ran(CommandView command, boolean replayed) implements Answer {

		@Override
		public int status() {
			return 201;
		}

	}

	/**
	 * The policy blocked the command.
	 *
	 * @param command the command
	 * @param replayed whether this repeats an earlier answer
	 */
	record Rejected(CommandView command, boolean replayed) implements Answer {

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
	 * @param replayed whether this repeats an earlier answer
	 */
	record AwaitingApproval(CommandView command, ApprovalView approval, boolean replayed) implements Answer {

		@Override
		public int status() {
			return 202;
		}

	}

}
