package dev.warden.command.execution;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalExecutorProperties.class)
class ExecutorConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("warden.executors.local.enabled")
	LocalExecutor localExecutor(LocalExecutorProperties properties) {
		return new LocalExecutor(properties);
	}

	@Bean
	@ConditionalOnBooleanProperty("warden.executors.noop.enabled")
	NoopExecutor noopExecutor() {
		return new NoopExecutor();
	}

}
