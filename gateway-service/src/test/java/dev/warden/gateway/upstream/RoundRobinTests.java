package dev.warden.gateway.upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
	void givesTheWholeRotationStartingWithTheAddressWhoseTurnItIs() {
		URI c = URI.create("http://localhost:8282");
		RoundRobin balancer = new RoundRobin(List.of(A, B, c));
		assertThat(balancer.nextInTurn()).containsExactly(A, B, c);
		assertThat(balancer.nextInTurn()).containsExactly(B, c, A);
		assertThat(balancer.next()).isEqualTo(c);
		assertThat(balancer.nextInTurn()).containsExactly(A, B, c);
		assertThat(new RoundRobin(List.of(A)).nextInTurn()).containsExactly(A);
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
