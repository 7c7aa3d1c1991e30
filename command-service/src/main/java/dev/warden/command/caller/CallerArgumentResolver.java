package dev.warden.command.caller;

import java.util.Set;
import java.util.stream.Collectors;

import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.security.CurrentActor;
import dev.warden.platform.security.WardenAuthorities;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link Caller} parameters from the request's access token. */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final CurrentActor actors;

	CallerArgumentResolver(CurrentActor actors) {
		this.actors = actors;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Caller.class;
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binders) {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
			throw new ProblemException(ProblemTypes.UNAUTHORIZED, "A user's access token is required.");
		}
		boolean service = token.getAuthorities()
			.stream()
			.anyMatch((authority) -> WardenAuthorities.INTERNAL_AUTHORITY.equals(authority.getAuthority()));
		if (service) {
			// Services act for users through internal endpoints, never as users.
			throw new ProblemException(ProblemTypes.FORBIDDEN, "This endpoint is for users, not services.");
		}
		Set<String> roles = token.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.collect(Collectors.toUnmodifiableSet());
		String name = token.getToken().getClaimAsString(WardenAuthorities.NAME_CLAIM);
		String subject = token.getToken().getSubject();
		return new Caller(subject, (name != null) ? name : subject, roles, token.getToken().getClaimAsString("tier"),
				this.actors.get());
	}

}
