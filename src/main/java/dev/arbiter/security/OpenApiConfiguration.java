package dev.arbiter.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}: every endpoint, its request and response
 * shapes, and the four signature headers every {@code /v1} request carries (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the authenticated caller comes from the signature, not from the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private static final List<String> SIGNATURE_HEADERS =
            List.of("X-Arbiter-Key-Id", "X-Arbiter-Timestamp", "X-Arbiter-Nonce", "X-Arbiter-Signature");

    @Bean
    OpenAPI arbiterApi() {
        Components components = new Components();
        SecurityRequirement required = new SecurityRequirement();
        for (String header : SIGNATURE_HEADERS) {
            components.addSecuritySchemes(
                    header,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER)
                            .name(header)
                            .description("HMAC-SHA256 request signing; see docs/security.md and scripts/arbiter-curl"));
            required.addList(header);
        }
        return new OpenAPI()
                .info(new Info()
                        .title("Arbiter")
                        .version("v1")
                        .description("Rules-driven credit decisions: APPROVE, DENY or REFER with reasons, "
                                + "terms and a replayable record. Errors are RFC 9457 problem details."))
                .components(components)
                .addSecurityItem(required);
    }
}
