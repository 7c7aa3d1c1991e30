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

	boolean has(String field) {
		return this.errors.stream().anyMatch((error) -> error.field().equals(field));
	}

	/** Throws the {@code validation} problem if any parameter was invalid. */
	void throwIfAny() {
		if (!this.errors.isEmpty()) {
			throw new ProblemException(ProblemTypes.VALIDATION,
					(this.errors.size() == 1) ? "One field is invalid." : this.errors.size() + " fields are invalid.")
				.with("errors", List.copyOf(this.errors));
		}
	}

}
