package dev.warden.command.caller;

import java.util.List;

import dev.warden.platform.security.CurrentActor;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class CallerConfiguration implements WebMvcConfigurer {

	static {
		// Resolved from the token, not read from the request: keep it out of the API
		// documentation.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	private final CurrentActor actors;

	CallerConfiguration(CurrentActor actors) {
		this.actors = actors;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver(this.actors));
	}

}
