package dev.warden.llmproxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts llm-proxy-service. */
@SpringBootApplication
public class LlmProxyApplication {

	public static void main(String[] args) {
		SpringApplication.run(LlmProxyApplication.class, args);
	}

}
