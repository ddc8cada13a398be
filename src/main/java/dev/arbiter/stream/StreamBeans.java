package dev.arbiter.stream;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.recording.DecisionIntake;
import dev.arbiter.security.ClientRateLimits;
import dev.arbiter.web.JsonRequests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The stream handler as a bean of its own, so that the WebSocket configuration and the feed share it. */
@Configuration(proxyBeanMethods = false)
class StreamBeans {

    @Bean(destroyMethod = "shutdown")
    DecisionStream decisionStream(
            DecisionIntake intake,
            ClientRateLimits rateLimits,
            JsonRequests requests,
            ObjectMapper json,
            StreamProperties limits,
            ArbiterProperties properties) {
        return new DecisionStream(intake, rateLimits, requests, json, limits, properties.maxBodyBytes());
    }
}
