package dev.warden.gateway.upstream;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out a service's addresses in turn. With one address (a Kubernetes Service, which
 * balances by itself) it always answers that one; with several ({@code ./warden up
 * --replicas}), each request goes to the next. A replica that does not answer fails the
 * HTTP request it got like any unreachable service (503, counted by the route's breaker;
 * a retry of a safe method goes to the same address, the next request to the next one).
 * The WebSocket relay, which may try further addresses when one cannot be reached, takes
 * the whole {@linkplain #nextInTurn() rotation}.
 */
public final class RoundRobin {

	private final List<URI> addresses;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * @param addresses a service's addresses ({@link Upstreams#all(String)}), never empty
	 */
	public RoundRobin(List<URI> addresses) {
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("A service needs at least one address");
		}
		this.addresses = List.copyOf(addresses);
	}

	/**
	 * Returns the address whose turn it is.
	 * @return the address
	 */
	public URI next() {
		if (this.addresses.size() == 1) {
			return this.addresses.getFirst();
		}
		return this.addresses.get(Math.floorMod(this.next.getAndIncrement(), this.addresses.size()));
	}

	/**
	 * Returns every address, starting with the one whose turn it is and going on in turn:
	 * the first to try, then the ones to fall back on. Takes one turn, like
	 * {@link #next()}.
	 * @return the addresses, never empty
	 */
	public List<URI> nextInTurn() {
		int size = this.addresses.size();
		if (size == 1) {
			return this.addresses;
		}
		int first = Math.floorMod(this.next.getAndIncrement(), size);
		List<URI> inTurn = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			inTurn.add(this.addresses.get((first + i) % size));
		}
		return inTurn;
	}

}
