package dev.warden.platform.problem;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

/**
 * A kind of error with its stable {@code type} URI, its HTTP status and its title.
 * Services define their own kinds next to the platform's ({@link ProblemTypes}); every
 * kind is listed in {@code docs/problems.md}.
 *
 * @param slug the last segment of the type URI, lower-case words joined by dashes
 * @param status the HTTP status this kind of error is answered with
 * @param title a short summary that does not change from occurrence to occurrence
 */
public record ProblemType(String slug, HttpStatus status, String title) {

	/** Every problem type URI starts with this. */
	public static final String BASE_URI = "https://warden.dev/problems/";

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	public ProblemType {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(title, "title");
		if (!SLUG.matcher(slug).matches()) {
			throw new IllegalArgumentException("Not a problem slug: " + slug);
		}
	}

	/**
	 * Returns the {@code type} URI of this kind of problem.
	 * @return the URI
	 */
	public URI uri() {
		return URI.create(BASE_URI + this.slug);
	}

}
