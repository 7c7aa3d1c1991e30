package dev.warden.platform.problem;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Makes the JSON mapper every service reads requests with refuse input that two readers
 * could understand differently, instead of guessing.
 * <ul>
 * <li>A key repeated in one object ({@code {"command":"ls","command":"rm -rf /"}}) is an
 * error: otherwise the last one wins here while a proxy, a log or an audit reader may
 * keep the first.</li>
 * <li>A number with a fraction or exponent ({@code 1.5}, {@code 1e3}) where an integer is
 * expected is an error, not truncated.</li>
 * <li>A value of one JSON type where another is expected is an error, not converted: a
 * string ({@code "5"}, {@code "true"}) for a number or a boolean, and a number or a
 * boolean for a string. A client that quotes its numbers has a bug worth hearing about,
 * and a string read as {@code 5} here may be read as text by another reader.</li>
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
		for (LogicalType scalar : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
			builder.withCoercionConfig(scalar,
					(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
		}
		builder.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
