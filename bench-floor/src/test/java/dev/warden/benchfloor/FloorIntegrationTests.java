package dev.warden.benchfloor;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.WardenIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@WardenIntegrationTest(infrastructure = Service.POSTGRES)
class FloorIntegrationTests {

	@Autowired
	RestTestClient http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void insertsExactlyOneRowPerRequestAndAnswersCreated() {
		long before = rows();

		JsonNode body = this.http.post()
			.uri("/floor")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"command\":\"echo bench\",\"target\":\"noop\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.returnResult(JsonNode.class)
			.getResponseBody();

		assertThat(rows()).isEqualTo(before + 1);
		long id = body.get("id").asLong();
		assertThat(body.get("createdAt").asString()).isNotBlank();
		assertThat(
				this.jdbc.sql("select command from floor_command where id = ?").param(id).query(String.class).single())
			.isEqualTo("echo bench");
	}

	@Test
	void refusesARequestWithoutABodyAndInsertsNothing() {
		long before = rows();

		this.http.post().uri("/floor").contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().isBadRequest();

		assertThat(rows()).isEqualTo(before);
	}

	private long rows() {
		return this.jdbc.sql("select count(*) from floor_command").query(Long.class).single();
	}

}
