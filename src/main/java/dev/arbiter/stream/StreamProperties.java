package dev.arbiter.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the decision stream ({@code arbiter.stream.*}, e.g. {@code ARBITER_STREAM_MAX_IN_FLIGHT}).
 * The largest message is the HTTP body limit, {@code arbiter.max-body-bytes}.
 *
 * @param maxInFlight     decisions one connection may have in flight; the next gets TOO_MANY_IN_FLIGHT
 * @param decisionThreads threads deciding stream messages, shared by all connections
 * @param queueLength     decisions waiting for a thread, over all connections; beyond it STREAM_BUSY
 * @param sendTimeLimit   longest one send may block on a client that does not read; then closed (4002)
 * @param sendBufferBytes most bytes queued for a client that does not read; then closed (4002)
 * @param pingInterval    how often the server pings an open connection
 * @param idleTimeout     a connection from which nothing (no message, no pong) came for this long is closed (4008)
 */
@ConfigurationProperties("arbiter.stream")
public record StreamProperties(
        @DefaultValue("32") int maxInFlight,
        @DefaultValue("16") int decisionThreads,
        @DefaultValue("4096") int queueLength,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("1048576") int sendBufferBytes,
        @DefaultValue("20s") Duration pingInterval,
        @DefaultValue("60s") Duration idleTimeout) {}
