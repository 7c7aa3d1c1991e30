package dev.warden.command.caller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * A user id in a path or query parameter: a UUID ({@link UserIds#PATTERN}), answered with
 * {@link UserIds#MESSAGE} otherwise. One annotation, so that every endpoint that names a
 * user refuses the same things with the same words.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = UserIds.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface UserId {

	/**
	 * The violation's message.
	 * @return the message
	 */
	String message() default UserIds.MESSAGE;

	/**
	 * Validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * Payload for clients of the constraint.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

}
