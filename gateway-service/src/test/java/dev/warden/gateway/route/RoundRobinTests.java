package dev.warden.gateway.route;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warden.gateway.upstream.Upstreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoundRobinTests {

	private static final URI A = URI.create("http://localhost:8082");

	private static final URI B = URI.create("http://localhost:8182");

	@Test
	void spreadsRequestsOverEveryAddressInTurn() {
		RoundRobin balancer = new RoundRobin(List.of(A, B));
		List<URI> chosen = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			chosen.add(balancer.next());
		}
		assertThat(chosen).containsExactly(A, B, A, B);
	}

	@Test
	void alwaysAnswersTheOnlyAddress() {
		RoundRobin balancer = new RoundRobin(List.of(A));
		assertThat(List.of(balancer.next(), balancer.next())).containsOnly(A);
		assertThatIllegalArgumentException().isThrownBy(() -> new RoundRobin(List.of()));
	}

	@Test
	void aServicesAddressesAreItsOwnThenItsReplicasWhateverTheKeysSpelling() {
		URI other = URI.create("http://localhost:8085");
		Upstreams upstreams = new Upstreams(other, A, other, other, other, other,
				Map.of("command", List.of(B), "llmproxy", List.of(URI.create("http://localhost:8185"))));
		assertThat(upstreams.all("command")).containsExactly(A, B);
		assertThat(upstreams.all("llm-proxy")).containsExactly(other, URI.create("http://localhost:8185"));
		assertThat(upstreams.all("rules")).containsExactly(other);
	}

}
