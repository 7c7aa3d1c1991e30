package dev.warden.platform.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Request ids on every request and every Feign call. */
@AutoConfiguration
public class ObservabilityAutoConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		// First of all, so that every log line of the request, and every error answer,
		// has it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	RequestIdFeignInterceptor requestIdFeignInterceptor() {
		return new RequestIdFeignInterceptor();
	}

}
