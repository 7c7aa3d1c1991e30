package dev.warden.command.caller;

import java.util.Set;

import dev.warden.contracts.Actor;
import dev.warden.platform.problem.ProblemException;
import dev.warden.platform.problem.ProblemTypes;
import dev.warden.platform.security.CurrentActor;
import dev.warden.platform.security.WardenAuthorities;

import org.springframework.core.MethodParameter;
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
		// The platform already reads who the token names: id, name, roles, and whether it
		// is a service.
		Actor actor = this.actors.get();
		if (actor.kind() == Actor.Kind.SERVICE) {
			// Services act for users through internal endpoints, never as users.
			throw new ProblemException(ProblemTypes.FORBIDDEN, "This endpoint is for users, not services.");
		}
		Set<String> scopes = scopes(token);
		if (!scopes.contains(COMMANDS_SCOPE)) {
			throw new ProblemException(ProblemTypes.FORBIDDEN,
					"This token is not for commands: its scopes do not include '" + COMMANDS_SCOPE + "'.");
		}
		return new Caller(actor.id(), actor.name(), Set.copyOf(actor.roles()), scopes,
				token.getToken().getClaimAsString("tier"), actor);
	}

	private static Set<String> scopes(JwtAuthenticationToken token) {
		String scope = token.getToken().getClaimAsString(WardenAuthorities.SCOPE_CLAIM);
		return (scope != null) ? Set.of(scope.trim().split("\\s+")) : Set.of();
	}

}
