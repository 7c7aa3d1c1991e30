package dev.warden.contracts;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ContractsArchitectureUnitTests {

	@Test
	void dependsOnNoFrameworkSoThatAnyConsumerCanUseIt() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..",
					"com.fasterxml.jackson..", "tools.jackson..", "org.apache.kafka..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.warden.contracts"));
	}

}
