package dev.warden.launcher;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupFailureUnitTests {

	private static final String INFO = "{\"@timestamp\":\"2026-11-23T00:09:03Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"x\"},"
			+ "\"message\":\"Closing JPA EntityManagerFactory\"}";

	private static final String ERROR = "{\"@timestamp\":\"2026-11-23T00:09:03Z\",\"log\":{\"level\":\"ERROR\","
			+ "\"logger\":\"org.springframework.boot.SpringApplication\"},\"message\":\"Application run failed\","
			+ "\"error\":{\"type\":\"org.springframework.dao.DataIntegrityViolationException\",\"message\":"
			+ "\"PreparedStatementCallback; ERROR: unsupported \\\"escape\\\"\\n  Detail: \\\\u0000 cannot be "
			+ "converted\\n  Where: JSON data\",\"stack_trace\":\"org.springframework...\\n\\tat ...\"}}";

	@Test
	void showsTheFirstErrorsMessageAndExceptionNotTheShutdownAfterIt() {
		List<String> summary = StartupFailure.summarize(List.of(INFO, ERROR, INFO, INFO));

		assertThat(summary).containsExactly("Application run failed",
				"org.springframework.dao.DataIntegrityViolationException: PreparedStatementCallback; ERROR: "
						+ "unsupported \"escape\"",
				"  Detail: \\u0000 cannot be converted", "  Where: JSON data");
	}

	@Test
	void fallsBackToTheLastLinesWithoutAnErrorLine() {
		List<String> log = java.util.stream.IntStream.range(0, 40).mapToObj((i) -> "plain line " + i).toList();

		assertThat(StartupFailure.summarize(log)).hasSize(25).startsWith("plain line 15").endsWith("plain line 39");
	}

}
