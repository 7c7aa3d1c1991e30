package dev.warden.auth.session;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

/**
 * Sign-in failed. The same answer for an unknown user, a wrong password and an account
 * that may not sign in, so that sign-in does not reveal which accounts exist.
 */
final class InvalidCredentialsException extends ProblemException {

	InvalidCredentialsException() {
		super(ProblemTypes.UNAUTHORIZED, "The username or password is wrong.");
		with("error", "invalid_grant").with("error_description", "The username or password is wrong.");
	}

}
