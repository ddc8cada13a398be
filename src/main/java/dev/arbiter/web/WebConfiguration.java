package dev.arbiter.web;

import dev.arbiter.ArbiterProperties;
import jakarta.servlet.DispatcherType;
import jakarta.validation.Validator;
import java.util.List;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;

/** The HTTP edge's wiring: strict JSON reading, the stored trace's forms, and the request body limit. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** A credit request is read strictly: "34" is not an age, 34.5 is not a term, an unknown field is an error. */
    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Request bodies are read by {@link StrictJsonBody}, ahead of the generic JSON converter. */
    @Bean
    WebMvcConfigurer strictJsonBodies(ObjectMapper json, Validator validator) {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(0, new StrictJsonBody(json, new AllowedValues(validator)));
            }
        };
    }

    /**
     * Tomcat's own answers become problems too: its error page is replaced by
     * {@link ProblemReportValve}, and an encoded slash passes through to {@link ParameterText},
     * which refuses it as a parameter problem instead of Tomcat's bare rejection.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemsFromTomcat() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
                connector.setAllowTrace(false);
            });
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                removePlainErrorReports(host);
                // Spring Boot may add its own error report valve after this customizer ran
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        removePlainErrorReports(host);
                    }
                });
            });
        };
    }

    private static void removePlainErrorReports(StandardHost host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve.getClass() == ErrorReportValve.class) {
                host.getPipeline().removeValve(valve);
            }
        }
    }

    /** First of all filters: the safe headers are on every answer, refusals included. */
    @Bean
    FilterRegistrationBean<SafeHeaders> safeHeaders() {
        var registration = new FilterRegistrationBean<>(new SafeHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ParameterText> parameterText(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ParameterText(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Right after the safe headers: the logging context of a request is emptied when it is answered. */
    @Bean
    FilterRegistrationBean<LogContext> logContext() {
        var registration = new FilterRegistrationBean<>(new LogContext());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The actuator's bodiless refusals become problems too. */
    @Bean
    FilterRegistrationBean<EmptyErrorsAsProblems> actuatorProblems() {
        var registration = new FilterRegistrationBean<>(new EmptyErrorsAsProblems());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns("/actuator/*");
        return registration;
    }

    /** Decisions stored before their trace was typed are read as well as new ones, see {@link TraceJson}. */
    @Bean
    JsonMapperBuilderCustomizer storedTraces() {
        return builder -> builder.addModule(new TraceJson());
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(ArbiterProperties properties, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BodySizeLimit(properties.maxBodyBytes(), properties.maxRulesetBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }
}
