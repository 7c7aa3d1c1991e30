package dev.warden.platform.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedQueryFilterUnitTests {

	@Test
	void acceptsQueriesThatDecode() {
		assertThat(MalformedQueryFilter.wellFormed(null)).isTrue();
		assertThat(MalformedQueryFilter.wellFormed("")).isTrue();
		assertThat(MalformedQueryFilter.wellFormed("a=1&b=two+words")).isTrue();
		assertThat(MalformedQueryFilter.wellFormed("q=%C3%A9t%C3%A9&x=%2F%20")).isTrue();
		assertThat(MalformedQueryFilter.wellFormed("q=%f0%9f%98%80")).isTrue();
	}

	@Test
	void refusesBrokenEscapesAndBytesThatAreNotUtf8() {
		assertThat(MalformedQueryFilter.wellFormed("q=%")).isFalse();
		assertThat(MalformedQueryFilter.wellFormed("q=%4")).isFalse();
		assertThat(MalformedQueryFilter.wellFormed("q=%zz")).isFalse();
		assertThat(MalformedQueryFilter.wellFormed("q=%u0041")).isFalse();
		assertThat(MalformedQueryFilter.wellFormed("q=%FF")).isFalse();
		assertThat(MalformedQueryFilter.wellFormed("q=%C3%28")).isFalse();
		assertThat(MalformedQueryFilter.wellFormed("q=%C3")).isFalse();
	}

}
