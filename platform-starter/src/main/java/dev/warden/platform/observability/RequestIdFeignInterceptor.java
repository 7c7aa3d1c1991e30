package dev.warden.platform.observability;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.slf4j.MDC;

/** Passes the current request id on to the service being called. */
final class RequestIdFeignInterceptor implements RequestInterceptor {

	@Override
	public void apply(RequestTemplate template) {
		String requestId = MDC.get(RequestIds.MDC_KEY);
		if (requestId != null) {
			template.removeHeader(RequestIds.HEADER);
			template.header(RequestIds.HEADER, requestId);
		}
	}

}
