package dev.arbiter.web;

import dev.arbiter.ArbiterProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;

/** The HTTP edge's wiring: strict JSON reading, the stored trace's forms, and the request body limit. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** A credit request is read strictly: "34" is not an age, 34.5 is not a term, an unknown field is an error. */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Decisions stored before their trace was typed are read as well as new ones, see {@link TraceJson}. */
    @Bean
    JsonMapperBuilderCustomizer storedTraces() {
        return builder -> builder.addModule(new TraceJson());
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ArbiterProperties properties, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new BodySizeLimit(properties.maxBodyBytes(), properties.maxRulesetBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }
}
