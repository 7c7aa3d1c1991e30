package dev.warden.testsupport;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Connects every {@link WardenIntegrationTest} context to the test infrastructure. */
class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.get(WardenIntegrationTest.class);
		if (!annotation.isPresent()) {
			return null;
		}
		return new InfrastructureContextCustomizer(List.of(annotation.getEnumArray("infrastructure", Service.class)));
	}

}
