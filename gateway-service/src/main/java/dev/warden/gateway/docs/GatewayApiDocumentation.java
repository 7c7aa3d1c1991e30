package dev.warden.gateway.docs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document, the first of the list at {@code /docs}: the gateway
 * has no controllers, so springdoc finds nothing by itself. It describes what the gateway
 * answers itself (health and metrics aliases) and points to the services' documents for
 * everything it forwards; the other entries of {@code /docs} are those documents, fetched
 * through the gateway from {@code /docs/api/<service>}.
 */
@Configuration(proxyBeanMethods = false)
class GatewayApiDocumentation {

	@Bean
	OpenApiCustomizer gatewayOwnEndpoints() {
		return (openApi) -> {
			openApi.getInfo()
				.description("The single edge of Warden. Every public path is forwarded to the service that owns it; "
						+ "pick a service in the list at the top of this page to see its API. "
						+ "The gateway itself answers only the health and metrics aliases below.");
			Paths paths = (openApi.getPaths() != null) ? openApi.getPaths() : new Paths();
			paths.addPathItem("/health", anonymous("Health of the gateway (UP or DOWN)", "application/json"));
			paths.addPathItem("/health/db", anonymous("Health of the gateway's database", "application/json"));
			paths.addPathItem("/health/redis", anonymous("Health of the gateway's Redis", "application/json"));
			paths.addPathItem("/metrics", anonymous("Prometheus metrics of the gateway", "text/plain"));
			openApi.setPaths(paths);
		};
	}

	private static PathItem anonymous(String summary, String mediaType) {
		ApiResponse ok = new ApiResponse().description("OK")
			.content(new Content().addMediaType(mediaType, new MediaType().schema(new StringSchema())));
		Operation operation = new Operation().summary(summary)
			.addTagsItem("gateway")
			// No token needed: an empty requirement overrides the document's bearer
			// default.
			.addSecurityItem(new SecurityRequirement())
			.responses(new ApiResponses().addApiResponse("200", ok)
				.addApiResponse("503", new ApiResponse().description("A component is DOWN")));
		return new PathItem().get(operation);
	}

}
