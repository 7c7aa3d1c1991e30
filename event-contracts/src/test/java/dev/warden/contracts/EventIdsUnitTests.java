package dev.warden.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsUnitTests {

	@Test
	void makesVersion7IdsThatSortByCreationTime() {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			ids.add(EventIds.next());
		}

		assertThat(ids).allSatisfy((id) -> {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
		});
		assertThat(ids).doesNotHaveDuplicates();
		// The first 48 bits are the creation time in milliseconds, so ids sort by it.
		List<Long> millis = ids.stream().map((id) -> id.getMostSignificantBits() >>> 16).toList();
		assertThat(millis).isSorted();
	}

}
