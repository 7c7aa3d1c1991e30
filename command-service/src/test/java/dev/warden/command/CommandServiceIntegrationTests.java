package dev.warden.command;

import dev.warden.testsupport.Service;
import dev.warden.testsupport.ServiceContract;
import dev.warden.testsupport.WardenIntegrationTest;
import feign.Client;
import feign.hc5.ApacheHttp5Client;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * command-service starts against real infrastructure and keeps the platform's contract.
 */
@WardenIntegrationTest(infrastructure = { Service.POSTGRES, Service.KAFKA, Service.REDIS })
class CommandServiceIntegrationTests implements ServiceContract {

	@Autowired
	Client feignClient;

	@Test
	void asksRulesServiceOverPooledHttpClient() {
		// Without feign-hc5 on the class path Feign silently falls back to
		// HttpURLConnection, whose reuse check costs 1 ms on every decision.
		assertThat(this.feignClient).isInstanceOf(ApacheHttp5Client.class);
	}

}
