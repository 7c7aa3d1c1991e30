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

	/** The scope every command-service endpoint needs; an API key may lack it. */
	static final String COMMANDS_SCOPE = "commands";

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
		if (!scopes(token).contains(COMMANDS_SCOPE)) {
			throw new ProblemException(ProblemTypes.FORBIDDEN,
					"This token is not for commands: its scopes do not include '" + COMMANDS_SCOPE + "'.");
		}
		Set<String> roles = token.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority != null && authority.startsWith("ROLE_"))
			.map((authority) -> authority.substring("ROLE_".length()))
			.collect(Collectors.toUnmodifiableSet());
		String name = token.getToken().getClaimAsString(WardenAuthorities.NAME_CLAIM);
		String subject = token.getToken().getSubject();
		return new Caller(subject, (name != null) ? name : subject, roles, scopes(token),
				token.getToken().getClaimAsString("tier"), this.actors.get());
	}

	private static Set<String> scopes(JwtAuthenticationToken token) {
		String scope = token.getToken().getClaimAsString(WardenAuthorities.SCOPE_CLAIM);
		return (scope != null) ? Set.of(scope.trim().split("\\s+")) : Set.of();
	}

}
