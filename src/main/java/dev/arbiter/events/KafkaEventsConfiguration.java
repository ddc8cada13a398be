package dev.arbiter.events;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Decision events to Kafka, present only when {@code arbiter.kafka.bootstrap-servers}
 * ({@code ARBITER_KAFKA_BOOTSTRAP_SERVERS}) is set: {@link EventOutbox} stores each event in the
 * transaction that commits it, {@link OutboxSender} sends the stored events in commit order per
 * application, {@link OutboxMetrics} shows what waits. Without this configuration nothing is
 * stored for Kafka, no thread runs and no client connects to any broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${arbiter.kafka.bootstrap-servers:}'.isBlank()")
class KafkaEventsConfiguration {

    @Bean
    OutboxSender outboxSender(
            JdbcClient jdbc, TransactionTemplate tx, KafkaOperations<Object, Object> kafka, Environment environment) {
        return new OutboxSender(
                jdbc,
                tx,
                kafka,
                new OutboxSender.Settings(
                        environment.getProperty("arbiter.kafka.topic", "arbiter.decisions"),
                        duration(environment, "arbiter.kafka.sweep-every", Duration.ofSeconds(5)),
                        duration(environment, "arbiter.kafka.retry-backoff-max", Duration.ofSeconds(30)),
                        configuredSendTimeout(environment)));
    }

    @Bean
    EventOutbox eventOutbox(JdbcClient jdbc, ObjectMapper json, OutboxSender sender) {
        return new EventOutbox(jdbc, json, sender);
    }

    @Bean
    OutboxMetrics outboxMetrics(JdbcClient jdbc, OutboxSender sender) {
        return new OutboxMetrics(jdbc, sender);
    }

    /**
     * No line per failed record (Spring Kafka's default logs each at ERROR: during an outage a
     * round of 500 would log 500): {@link OutboxSender} logs one warning per failed round.
     */
    @Bean
    ProducerListener<Object, Object> quietProducerListener() {
        return new ProducerListener<>() {};
    }

    /**
     * A send fails within {@code arbiter.kafka.send-timeout} (default 30 s: waiting for metadata,
     * for the broker's answer, for delivery), so a round during an outage ends and the sender
     * backs off instead of waiting the client's default of two minutes.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer sendTimeout(Environment environment) {
        long millis = configuredSendTimeout(environment).toMillis();
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis / 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (millis / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) millis));
    }

    private static Duration configuredSendTimeout(Environment environment) {
        return duration(environment, "arbiter.kafka.send-timeout", Duration.ofSeconds(30));
    }

    private static Duration duration(Environment environment, String name, Duration otherwise) {
        return environment.getProperty(name, Duration.class, otherwise);
    }
}
