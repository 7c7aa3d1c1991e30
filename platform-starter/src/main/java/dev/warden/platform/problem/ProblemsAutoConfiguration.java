package dev.warden.platform.problem;

import io.micrometer.tracing.Tracer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Answers every error with an RFC 9457 problem: from controllers, from filters and from
 * the servlet container.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(RequestLimitsProperties.class)
public class ProblemsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Problems problems(ObjectProvider<Tracer> tracer, ObjectProvider<JsonMapper> jsonMapper) {
		return new Problems(tracer, jsonMapper.getIfAvailable(JsonMapper::new));
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice(Problems problems) {
		return new ProblemDetailsAdvice(problems);
	}

	@Bean
	ProblemErrorController problemErrorController(Problems problems) {
		return new ProblemErrorController(problems);
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(RequestLimitsProperties limits,
			Problems problems) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(limits.maxBodySize().toBytes(), problems));
		// Before security, so an oversized body is refused before anything reads it.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<MalformedQueryFilter> malformedQueryFilter(Problems problems) {
		FilterRegistrationBean<MalformedQueryFilter> registration = new FilterRegistrationBean<>(
				new MalformedQueryFilter(problems));
		// Before anything that may read a parameter (security, the gateway's routes).
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
		return registration;
	}

	@Bean
	FilterRegistrationBean<MalformedAcceptFilter> malformedAcceptFilter(Problems problems) {
		FilterRegistrationBean<MalformedAcceptFilter> registration = new FilterRegistrationBean<>(
				new MalformedAcceptFilter(problems));
		// Before security, whose 401 and 403 are negotiated against the same header.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 22);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
	static class StrictJson {

		@Bean
		JsonMapperBuilderCustomizer strictJsonInput() {
			return StrictJsonInput::apply;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
	static class TomcatErrorReports {

		@Bean
		static ProblemErrorReports problemErrorReports() {
			return new ProblemErrorReports();
		}

	}

}
