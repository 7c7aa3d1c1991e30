package dev.warden.command.credit;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemType;

import org.springframework.http.HttpStatus;

/** The balance is short of what a command costs. Answered with 402. */
public class InsufficientCreditsException extends ProblemException {

	/**
	 * The balance does not cover the cost; {@code cost} and {@code balance} say by how
	 * much.
	 */
	public static final ProblemType INSUFFICIENT_CREDITS = new ProblemType("insufficient-credits",
			HttpStatus.PAYMENT_REQUIRED, "Not enough credits");

	InsufficientCreditsException(long cost, long balance) {
		super(INSUFFICIENT_CREDITS, "This needs " + cost + " credit(s) and the balance is " + balance + ".");
		with("cost", cost);
		with("balance", balance);
	}

}
