package dev.arbiter.security;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.ObjectMapper;

/**
 * The HTTP side of security. The body size limit runs first, so no unauthenticated client can
 * make Arbiter buffer more than the limit; signature, role and rate limit come right after it,
 * before any routing.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityWeb {

    @Bean
    ClientRateLimits clientRateLimits(JdbcClient jdbc, NonceStore nonces, SecurityProperties properties) {
        return new ClientRateLimits(jdbc, nonces, properties.rateLimit(), properties.rateLimitPeriod());
    }

    @Bean
    FilterRegistrationBean<SignedRequests> signedRequests(
            RequestVerifier verifier,
            SecurityProperties properties,
            ClientRateLimits limits,
            ObjectMapper json,
            MeterRegistry meters) {
        var registration = new FilterRegistrationBean<>(new SignedRequests(
                verifier,
                limits,
                new AuthenticationThrottle(
                        properties.authFailuresPerKey(),
                        properties.authFailuresPerAddress(),
                        properties.authFailurePeriod()),
                json,
                meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        registration.addUrlPatterns("/v1/*");
        return registration;
    }

    @Bean
    WebMvcConfigurer callerArgument() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgument());
            }
        };
    }
}
