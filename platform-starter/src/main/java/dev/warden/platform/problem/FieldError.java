package dev.warden.platform.problem;

/**
 * One invalid field in a {@code validation} problem. The rejected value is never echoed
 * back: it may be a secret.
 *
 * @param field the field's path in the request, for example {@code target.host}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
