package dev.warden.audit.log;

import java.util.ArrayList;
import java.util.List;

import dev.warden.platform.problem.FieldError;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;

/**
 * Collects what is wrong with a request's parameters, so that one {@code validation}
 * problem names every invalid field at once.
 */
final class ParameterErrors {

	private final List<FieldError> errors = new ArrayList<>();

	void add(String field, String message) {
		this.errors.add(new FieldError(field, message));
	}

	/**
	 * Returns the {@code validation} problem of a single invalid field.
	 * @param field the field
	 * @param message what is wrong with it
	 * @return the problem, to throw
	 */
	static ProblemException invalid(String field, String message) {
		ParameterErrors errors = new ParameterErrors();
		errors.add(field, message);
		return errors.problem();
	}

	/** Throws the {@code validation} problem if any parameter was invalid. */
	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw problem();
		}
	}

	private ProblemException problem() {
		return new ProblemException(ProblemTypes.VALIDATION,
				(this.errors.size() == 1) ? "One field is invalid." : this.errors.size() + " fields are invalid.")
			.with("errors", List.copyOf(this.errors));
	}

}
