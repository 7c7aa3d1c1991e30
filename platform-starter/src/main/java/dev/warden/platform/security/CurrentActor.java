package dev.warden.platform.security;

import java.util.List;

import dev.warden.contracts.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Says who is acting right now, for events and audit records: the caller of the current
 * request, or the service itself when there is no caller.
 */
public final class CurrentActor {

	private final String serviceName;

	/**
	 * Creates the resolver.
	 * @param serviceName the name used when the service acts on its own
	 */
	public CurrentActor(String serviceName) {
		this.serviceName = serviceName;
	}

	/**
	 * Returns the current actor.
	 * @return the caller; an anonymous actor for a request without credentials; the
	 * service itself outside a request
	 */
	public Actor get() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			Jwt jwt = token.getToken();
			boolean service = token.getAuthorities()
				.stream()
				.anyMatch((authority) -> WardenAuthorities.INTERNAL_AUTHORITY.equals(authority.getAuthority()));
			String name = jwt.getClaimAsString(WardenAuthorities.NAME_CLAIM);
			List<String> roles = token.getAuthorities()
				.stream()
				.map((authority) -> authority.getAuthority())
				.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
				.map((authority) -> authority.substring("ROLE_".length()))
				.toList();
			return new Actor(service ? Actor.Kind.SERVICE : Actor.Kind.USER, jwt.getSubject(),
					(name != null) ? name : jwt.getSubject(), roles, clientAddress());
		}
		String clientAddress = clientAddress();
		return (clientAddress != null) ? Actor.anonymous(clientAddress) : Actor.system(this.serviceName);
	}

	/**
	 * Returns the address of the client of the current request. Behind the gateway this
	 * is the address the gateway saw, taken from {@code X-Forwarded-For} by the servlet
	 * container, which trusts only internal proxies.
	 * @return the address, or {@code null} outside a request
	 */
	public static @Nullable String clientAddress() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
