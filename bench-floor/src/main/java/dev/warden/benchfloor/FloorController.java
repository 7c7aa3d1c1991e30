package dev.warden.benchfloor;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /floor}: reads the same JSON body a command submission has, inserts one row
 * in its own auto-committed statement, and answers 201. No authentication, no other
 * statement, no transaction template: anything more belongs to what is measured against
 * this.
 */
@RestController
class FloorController {

	static final String INSERT = "insert into floor_command (command, created_at) values (:command, :createdAt)";

	private final JdbcClient jdbc;

	FloorController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@PostMapping("/floor")
	ResponseEntity<Inserted> insert(@RequestBody FloorRequest request) {
		Instant now = Instant.now();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT)
			.param("command", Objects.requireNonNullElse(request.command(), ""))
			.param("createdAt", Timestamp.from(now))
			.update(key, "id");
		long id = Objects.requireNonNull(key.getKey()).longValue();
		return ResponseEntity.created(URI.create("/floor/" + id)).body(new Inserted(id, now));
	}

	record FloorRequest(@Nullable String command) {
	}

	record Inserted(long id, Instant createdAt) {
	}

}
