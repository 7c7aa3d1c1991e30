package dev.warden.testsupport;

import java.util.List;

import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules every Warden service keeps, checked by one test per module:
 * {@code WardenArchitecture.check("dev.warden.auth")}.
 */
public final class WardenArchitecture {

	/** The base packages of the services; none may use another's code. */
	public static final List<String> SERVICE_PACKAGES = List.of("dev.warden.gateway", "dev.warden.auth",
			"dev.warden.command", "dev.warden.rules", "dev.warden.audit", "dev.warden.llmproxy", "dev.warden.terminal");

	private WardenArchitecture() {
	}

	/**
	 * Checks a service's production code against every rule.
	 * @param basePackage the service's base package
	 */
	public static void check(String basePackage) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(basePackage);
		for (ArchRule rule : rules(basePackage)) {
			rule.check(classes);
		}
	}

	/**
	 * Returns the rules for a service.
	 * @param basePackage the service's base package
	 * @return the rules
	 */
	public static List<ArchRule> rules(String basePackage) {
		String[] others = SERVICE_PACKAGES.stream()
			.filter((other) -> !other.equals(basePackage))
			.map((other) -> other + "..")
			.toArray(String[]::new);
		return List.of(
				noClasses().should()
					.dependOnClassesThat()
					.resideInAnyPackage(others)
					.because("services talk through HTTP and Kafka, never through each other's code")
					.allowEmptyShould(true),
				noFields().should()
					.beAnnotatedWith(Autowired.class)
					.because("dependencies are constructor-injected into final fields")
					.allowEmptyShould(true),
				noMethods().that()
					.areDeclaredInClassesThat()
					.areAnnotatedWith(RestController.class)
					.should()
					.haveRawReturnType(CanBeAnnotated.Predicates.annotatedWith(Entity.class))
					.because("controllers answer with records, never with JPA entities")
					.allowEmptyShould(true),
				slices().matching(basePackage + ".(*)..")
					.should()
					.beFreeOfCycles()
					.because("features depend on each other in one direction only")
					.allowEmptyShould(true),
				NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.allowEmptyShould(true),
				NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.allowEmptyShould(true));
	}

}
