package dev.warden.platform.problem;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the JSON mapper every service reads requests with refuse input that two readers
 * could understand differently, instead of guessing.
 * <ul>
 * <li>A key repeated in one object ({@code {"command":"ls","command":"rm -rf /"}}) is an
 * error: otherwise the last one wins here while a proxy, a log or an audit reader may
 * keep the first.</li>
 * <li>A number with a fraction or exponent ({@code 1.5}, {@code 1e3}) where an integer is
 * expected is an error, not truncated.</li>
 * </ul>
 * Numbers out of their type's range are always an error in Jackson; the problem handling
 * names the field and the range ({@link BodyErrors}).
 */
final class StrictJsonInput {

	private StrictJsonInput() {
	}

	/**
	 * Applies the rules to a mapper builder.
	 * @param builder the builder
	 */
	static void apply(JsonMapper.Builder builder) {
		builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
	}

}
