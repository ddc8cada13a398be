package dev.arbiter.events;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's gauges, read from the database at each scrape (cluster-wide: every node reads the
 * one table), and this node's counts of acknowledged and failed sends. A gauge the database
 * cannot answer reads NaN. Present only with Kafka on.
 */
final class OutboxMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(OutboxMetrics.class);

    private final JdbcClient jdbc;
    private final OutboxSender sender;

    OutboxMetrics(JdbcClient jdbc, OutboxSender sender) {
        this.jdbc = jdbc;
        this.sender = sender;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        gauge(
                meters,
                "arbiter.events.unsent",
                "Committed decision events not yet acknowledged by Kafka",
                null,
                j -> j.sql("select count(*) from event_outbox")
                        .query(Long.class)
                        .single());
        gauge(
                meters,
                "arbiter.events.unsent.age",
                "How long the oldest committed decision event not yet acknowledged by Kafka has waited",
                "seconds",
                j -> j.sql("""
                                select coalesce(
                                  (select extract(epoch from now() - stored_at) from event_outbox order by seq limit 1),
                                  0)::float8
                                """).query(Double.class).single());
        FunctionCounter.builder("arbiter.events.sent", sender, OutboxSender::sent)
                .description("Decision events this node sent and Kafka acknowledged")
                .register(meters);
        FunctionCounter.builder("arbiter.events.send.failures", sender, OutboxSender::failures)
                .description(
                        "Decision events this node could not get acknowledged by Kafka in a round (sent again later)")
                .register(meters);
    }

    private void gauge(
            MeterRegistry meters, String name, String description, String unit, ToDoubleFunction<JdbcClient> read) {
        Gauge.builder(name, jdbc, j -> {
                    try {
                        return read.applyAsDouble(j);
                    } catch (RuntimeException e) {
                        log.debug("gauge {} unavailable: {}", name, e.toString());
                        return Double.NaN;
                    }
                })
                .description(description)
                .baseUnit(unit)
                .register(meters);
    }
}
