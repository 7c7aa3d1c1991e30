package dev.warden.gateway.route;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * The client the routes call the services with. Gateway Server WebMVC picks up a
 * {@link ClientHttpRequestFactory} bean for its {@code RestClient}; without one it would
 * take whatever Spring Boot detects, with no connect timeout. This one is the JDK client
 * (HTTP/1.1, pooled keep-alive connections) whose internal tasks run on virtual threads,
 * so a slow service costs no platform thread; the request thread itself is already
 * virtual ({@code spring.threads.virtual.enabled}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundClientProperties.class)
class OutboundClientConfiguration {

	/**
	 * The client's internal tasks, among them copying each client's body to the service.
	 * Stopped with {@code shutdownNow}, not {@code close}: by the time this runs the web
	 * server has stopped, so no exchange is left to finish, and a copy still waiting on a
	 * client's socket ({@link ClientBodyGuard} keeps the request open for it) must not
	 * hold up the gateway's shutdown.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService gatewayClientExecutor() {
		return Executors.newVirtualThreadPerTaskExecutor();
	}

	@Bean
	ClientHttpRequestFactory gatewayClientHttpRequestFactory(OutboundClientProperties properties,
			ExecutorService gatewayClientExecutor) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(gatewayClientExecutor)
			.build();
		return new JdkClientHttpRequestFactory(client);
	}

}
