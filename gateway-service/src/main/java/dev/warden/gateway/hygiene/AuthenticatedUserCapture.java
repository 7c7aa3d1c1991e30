package dev.warden.gateway.hygiene;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Notes the authenticated user's id (the token's subject) on the request for the access
 * log, which runs outside the security chain and so no longer sees the security context
 * when it writes its line.
 */
final class AuthenticatedUserCapture extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			request.setAttribute(AccessLog.USER_ATTRIBUTE, jwt.getToken().getSubject());
		}
		chain.doFilter(request, response);
	}

}
