package dev.arbiter.events;

import dev.arbiter.recording.DecisionEventRecorded;
import dev.arbiter.recording.DecisionRecorded;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.support.DelegatingEventExternalizer;
import tools.jackson.databind.ObjectMapper;

/**
 * Decision events to Kafka, present only when {@code arbiter.kafka.bootstrap-servers}
 * ({@code ARBITER_KAFKA_BOOTSTRAP_SERVERS}) is set. The externalizer is a listener of the event
 * publication registry: each {@link DecisionRecorded} and {@link DecisionEventRecorded} gets its
 * registry row in the transaction that commits the decision or event (the outbox), and the row
 * is completed only once the broker has acknowledged the record. A send that fails leaves the
 * row failed; {@link FailedEventResubmission} sends it again. Without this configuration there
 * is no externalizer, so no registry rows for it and no connection to any broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${arbiter.kafka.bootstrap-servers:}'.isBlank()")
class KafkaEventsConfiguration {

    /**
     * Which events leave, in which schema, to which topic, keyed by application id. Sends are not
     * serialized by the library (its semaphore would park the shared listener threads, chain
     * linking's among them, for as long as a broker is down); the producer keeps the order of
     * sends per partition, and events of one application are committed one after another.
     */
    @Bean
    static EventExternalizationConfiguration eventExternalizationConfiguration(Environment environment) {
        String topic = environment.getProperty("arbiter.kafka.topic", "arbiter.decisions");
        return EventExternalizationConfiguration.externalizing()
                .select(event -> event instanceof DecisionRecorded || event instanceof DecisionEventRecorded)
                .route(
                        DecisionRecorded.class,
                        d -> RoutingTarget.forTarget(topic).andKey(d.applicationId()))
                .route(
                        DecisionEventRecorded.class,
                        e -> RoutingTarget.forTarget(topic).andKey(e.applicationId()))
                .mapping(DecisionRecorded.class, DecisionEventV1::of)
                .mapping(DecisionEventRecorded.class, DecisionEventV1::of)
                .build();
    }

    /**
     * Sends one event: the key as given (never read as an expression), the value as the schema's
     * JSON bytes. The returned future completes when the broker acknowledges (acks=all), and only
     * then is the publication completed.
     */
    @Bean
    DelegatingEventExternalizer kafkaEventExternalizer(
            EventExternalizationConfiguration configuration, KafkaOperations<Object, Object> kafka, ObjectMapper json) {
        return new DelegatingEventExternalizer(
                configuration,
                (target, payload) -> kafka.send(target.getTarget(), target.getKey(), json.writeValueAsBytes(payload)));
    }

    /**
     * A send fails within {@code arbiter.kafka.send-timeout} (default 30 s: waiting for metadata,
     * for the broker's answer, for delivery), so during an outage one waiting send does not hold
     * the others for the client's default of two minutes; the failed publication then waits for
     * resubmission.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer sendTimeout(Environment environment) {
        long millis = environment
                .getProperty("arbiter.kafka.send-timeout", Duration.class, Duration.ofSeconds(30))
                .toMillis();
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis / 2,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (millis / 2),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) millis));
    }

    @Bean(destroyMethod = "close")
    FailedEventResubmission failedEventResubmission(IncompleteEventPublications publications, Environment environment) {
        return new FailedEventResubmission(
                publications,
                environment.getProperty("arbiter.kafka.resubmit-every", Duration.class, Duration.ofSeconds(30)),
                environment.getProperty("arbiter.kafka.resubmit-after", Duration.class, Duration.ofSeconds(30)));
    }
}
