package dev.warden.platform.testapp;

import java.time.Duration;
import java.util.Map;

import dev.warden.contracts.Actor;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.security.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ThingController {

	private final ThingService things;

	private final CurrentActor actor;

	ThingController(ThingService things, CurrentActor actor) {
		this.things = things;
		this.actor = actor;
	}

	@PostMapping("/api/things")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@Valid @RequestBody NewThing thing) {
		return Map.of("eventId", this.things.create(thing.name(), thing.count()).toString());
	}

	@PostMapping("/api/things/rollback")
	void createAndFail(@Valid @RequestBody NewThing thing) {
		this.things.createThenFail(thing.name());
	}

	@GetMapping("/api/things/{id}")
	Map<String, Object> read(@PathVariable long id, @RequestParam(defaultValue = "1") int page) {
		if (id != 1) {
			throw ProblemException.notFound("Thing " + id);
		}
		return Map.of("id", id, "page", page);
	}

	@PostMapping(path = "/api/things/search", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Map<String, Object> search(@RequestParam String name) {
		return Map.of("name", name);
	}

	@GetMapping("/api/whoami")
	Actor whoami() {
		return this.actor.get();
	}

	@GetMapping("/api/admin")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Object> adminOnly() {
		return Map.of("admin", true);
	}

	@GetMapping("/api/conflict")
	void conflict() {
		throw ProblemException.conflict("Thing 1 was changed meanwhile.").with("current", 7);
	}

	@GetMapping("/api/limited")
	void limited() {
		throw ProblemException.tooManyRequests("Slow down.", Duration.ofSeconds(30));
	}

	@GetMapping("/api/unavailable")
	void unavailable() {
		throw ProblemException.unavailable("The policy engine did not answer.");
	}

	@GetMapping("/api/boom")
	void boom() {
		throw new IllegalStateException("secret internal detail at db-host-17");
	}

	@GetMapping("/internal/v1/ping")
	Map<String, Object> internalPing() {
		return Map.of("pong", this.actor.get().id());
	}

	record NewThing(@NotBlank String name, @Min(0) @Max(10) int count) {
	}

}
