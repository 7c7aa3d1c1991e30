package dev.warden.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsUnitTests {

	@Test
	void listsTheFourEventTopicsAndNamesTheirDeadLetterTopics() {
		assertThat(Topics.all()).containsExactly("audit.events", "approval.events", "rules.events", "identity.events");
		assertThat(Topics.deadLetter(Topics.AUDIT_EVENTS)).isEqualTo("audit.events.dlt");
	}

}
