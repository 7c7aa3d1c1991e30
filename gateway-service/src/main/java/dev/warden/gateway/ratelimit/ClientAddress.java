package dev.warden.gateway.ratelimit;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address a request came from, for per-address limits. The TCP peer, unless it is a
 * configured trusted proxy: then the right-most {@code X-Forwarded-For} entry that is not
 * itself a trusted proxy (entries further left are whatever the client wrote).
 */
final class ClientAddress {

	private final Set<String> trustedProxies;

	ClientAddress(List<String> trustedProxies) {
		this.trustedProxies = Set.copyOf(trustedProxies);
	}

	String of(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!this.trustedProxies.contains(peer)) {
			return peer;
		}
		String forwarded = request.getHeader("X-Forwarded-For");
		if (forwarded == null || forwarded.isBlank()) {
			return peer;
		}
		String[] hops = forwarded.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].strip();
			if (!hop.isEmpty() && !this.trustedProxies.contains(hop)) {
				return hop;
			}
		}
		return peer;
	}

}
