package dev.warden.command;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What command-service's integration tests share: rules-service and the token endpoint
 * played by {@link RulesServiceStub}, an {@link Api} client on the random port, and the
 * database. Subclasses carry their own {@code @WardenIntegrationTest}.
 */
public abstract class CommandServiceTestSupport {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected Api api;

	@DynamicPropertySource
	static void rulesService(DynamicPropertyRegistry registry) {
		RulesServiceStub.register(registry);
	}

	@BeforeEach
	void connectApi() {
		this.api = new Api(this.port);
	}

}
