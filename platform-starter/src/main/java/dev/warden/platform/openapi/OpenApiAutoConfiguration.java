package dev.warden.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Describes the service's API with bearer-token authentication. */
@AutoConfiguration
public class OpenApiAutoConfiguration {

	/** The name of the security scheme every operation refers to. */
	public static final String BEARER_SCHEME = "bearer-jwt";

	@Bean
	@ConditionalOnMissingBean
	OpenAPI wardenOpenApi(@Value("${spring.application.name:warden}") String serviceName,
			@Value("${warden.openapi.description:Part of Warden, a policy gateway for shell commands, terminals and LLM calls.}") String description) {
		return new OpenAPI().info(new Info().title("Warden " + serviceName).version("v1").description(description))
			.components(new Components().addSecuritySchemes(BEARER_SCHEME,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME));
	}

}
