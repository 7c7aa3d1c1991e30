package dev.warden.platform.servicetoken;

import feign.RequestInterceptor;
import feign.RequestTemplate;

import org.springframework.http.HttpHeaders;

/**
 * Adds this service's token to every Feign call to another service's {@code /internal/**}
 * endpoints, and to nothing else.
 */
final class ServiceTokenRequestInterceptor implements RequestInterceptor {

	private final ServiceTokenProvider tokens;

	ServiceTokenRequestInterceptor(ServiceTokenProvider tokens) {
		this.tokens = tokens;
	}

	@Override
	public void apply(RequestTemplate template) {
		if (template.path().startsWith("/internal/")) {
			template.removeHeader(HttpHeaders.AUTHORIZATION);
			template.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.token());
		}
	}

}
