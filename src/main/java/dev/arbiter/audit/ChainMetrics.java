package dev.arbiter.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's gauges, read from the database at each scrape: unlinked entries, the wait
 * of the oldest, and the latest checkpoint's age. A gauge the database cannot answer reads NaN.
 */
final class ChainMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(ChainMetrics.class);

    private final ChainLag lag;

    ChainMetrics(ChainLag lag) {
        this.lag = lag;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        gauge(
                meters,
                "arbiter.chain.unlinked",
                "Committed chain entries not yet linked",
                null,
                l -> l.unlinked().count());
        gauge(
                meters,
                "arbiter.chain.link.lag",
                "How long the oldest unlinked chain entry has waited",
                "seconds",
                l -> l.unlinked().oldest().toMillis() / 1000.0);
        gauge(
                meters,
                "arbiter.chain.checkpoint.age",
                "Age of the latest signed checkpoint",
                "seconds",
                l -> l.checkpointAge()
                        .map(Duration::toMillis)
                        .map(ms -> ms / 1000.0)
                        .orElse(Double.NaN));
    }

    private void gauge(
            MeterRegistry meters, String name, String description, String unit, ToDoubleFunction<ChainLag> read) {
        Gauge.builder(name, lag, l -> {
                    try {
                        return read.applyAsDouble(l);
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
