package dev.arbiter.stream;

import dev.arbiter.ArbiterProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.ObjectMapper;

/**
 * Registers {@code GET /v1/stream} (the signed upgrade passes the same filters as every
 * {@code /v1} request) and {@code GET /console/stream}, the console's live feed, opened with the
 * person's session from a page of the same origin ({@link ConsoleHandshake}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(StreamProperties.class)
class StreamConfiguration implements WebSocketConfigurer {

    private final DecisionStream stream;
    private final ObjectMapper json;

    StreamConfiguration(DecisionStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(stream, DecisionStream.PATH).addInterceptors(new CallerHandshake(json));
        // the console's live page: the signed-in session from a page of the same origin, subscribe only
        registry.addHandler(stream, ConsoleHandshake.PATH).addInterceptors(new ConsoleHandshake(json));
    }

    /**
     * The container delivers a message in parts of at most this size; {@link DecisionStream}
     * gathers them up to the HTTP body limit and refuses larger messages with a problem.
     */
    @Bean
    static ServletServerContainerFactoryBean streamContainer(ArbiterProperties properties) {
        var container = new ServletServerContainerFactoryBean();
        int buffer = (int) Math.min(Integer.MAX_VALUE, Math.max(8192, properties.maxBodyBytes()));
        container.setMaxTextMessageBufferSize(buffer);
        container.setMaxBinaryMessageBufferSize(8192);
        return container;
    }
}
