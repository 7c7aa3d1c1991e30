package dev.warden.audit.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cursors round-trip, and anything else is recognised as not a cursor. */
class CursorsUnitTests {

	@Test
	void roundTrips() {
		assertThat(Cursors.decode(Cursors.encode(1))).isEqualTo(1L);
		assertThat(Cursors.decode(Cursors.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
		assertThat(Cursors.encode(1234)).doesNotContain("1234").matches("[A-Za-z0-9_-]+");
	}

	@Test
	void refusesWhatItDidNotMake() {
		assertThat(Cursors.decode("1234")).isNull();
		assertThat(Cursors.decode("%%")).isNull();
		assertThat(Cursors.decode("")).isNull();
		assertThat(Cursors.decode(Cursors.encode(5).substring(1))).isNull();
		assertThat(Cursors.decode(java.util.Base64.getUrlEncoder().encodeToString("s1:0".getBytes()))).isNull();
		assertThat(Cursors.decode(java.util.Base64.getUrlEncoder().encodeToString("s1:-5".getBytes()))).isNull();
		assertThat(Cursors.decode(java.util.Base64.getUrlEncoder().encodeToString("s1:x".getBytes()))).isNull();
	}

}
