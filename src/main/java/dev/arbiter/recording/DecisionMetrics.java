package dev.arbiter.recording;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Submission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * The decision API's meters. {@code arbiter.decisions}: decisions made (not replays), by
 * outcome, product, ruleset version and thin file. {@code arbiter.decision.duration}: the
 * server-side time of each decision request that came back with a decision (new or replayed),
 * as a histogram whose buckets give the percentiles, by outcome and whether it was a replay.
 */
final class DecisionMetrics {

    private final MeterRegistry meters;

    DecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    DecisionService.Result timed(Supplier<DecisionService.Result> decide) {
        long started = System.nanoTime();
        DecisionService.Result result = decide.get();
        Decision decision = result.stored().decision();
        Timer.builder("arbiter.decision.duration")
                .description("Server-side time to answer a decision request")
                .tag("outcome", decision.outcome().name())
                .tag("replayed", Boolean.toString(!result.created()))
                // buckets, so Prometheus computes percentiles across nodes (histogram_quantile);
                // Micrometer's Prometheus registry publishes no client-side percentiles beside a histogram
                .publishPercentileHistogram()
                .register(meters)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (result.created()) {
            Submission submission = result.stored().submission();
            Counter.builder("arbiter.decisions")
                    .description("Decisions made, by outcome, product, ruleset version and thin file")
                    .tag("outcome", decision.outcome().name())
                    .tag("product", submission.application().product().name())
                    .tag("ruleset", decision.rulesetVersion() == null ? "none" : decision.rulesetVersion())
                    .tag("thin_file", Boolean.toString(decision.features().thinFile()))
                    .register(meters)
                    .increment();
        }
        return result;
    }
}
