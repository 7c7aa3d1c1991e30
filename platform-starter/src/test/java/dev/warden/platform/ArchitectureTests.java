package dev.warden.platform;

import dev.warden.testsupport.WardenArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void platformKeepsTheLayeringRules() {
		WardenArchitecture.check("dev.warden.platform");
	}

}
