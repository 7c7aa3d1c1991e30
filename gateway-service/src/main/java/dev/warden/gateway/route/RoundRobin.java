package dev.warden.gateway.route;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out a service's addresses in turn. With one address (a Kubernetes Service, which
 * balances by itself) it always answers that one; with several ({@code ./warden up
 * --replicas}), each request goes to the next. A replica that does not answer fails the
 * request it got like any unreachable service (503, counted by the route's breaker; a
 * retry of a safe method goes to the same address, the next request to the next one).
 */
final class RoundRobin {

	private final List<URI> addresses;

	private final AtomicInteger next = new AtomicInteger();

	RoundRobin(List<URI> addresses) {
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException("A service needs at least one address");
		}
		this.addresses = List.copyOf(addresses);
	}

	URI next() {
		if (this.addresses.size() == 1) {
			return this.addresses.getFirst();
		}
		return this.addresses.get(Math.floorMod(this.next.getAndIncrement(), this.addresses.size()));
	}

}
