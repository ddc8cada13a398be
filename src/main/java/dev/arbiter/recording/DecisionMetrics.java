package dev.arbiter.recording;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Submission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The decision API's meters. {@code arbiter.decisions}: decisions made (not replays), by
 * outcome, product, ruleset version and thin file. {@code arbiter.decision.duration}: the
 * server-side time of each decision request that came back with a decision (new or replayed),
 * as a histogram whose buckets give the percentiles, by outcome and whether it was a replay.
 * Each meter is registered once, at its first use, and kept: a builder per decision cost a
 * registry lookup (tags sorted, the histogram's configuration merged) on every request.
 */
final class DecisionMetrics {

    private final MeterRegistry meters;
    private final Map<DurationTags, Timer> durations = new ConcurrentHashMap<>();
    private final Map<DecisionTags, Counter> counts = new ConcurrentHashMap<>();

    private record DurationTags(String outcome, boolean replayed) {}

    private record DecisionTags(String outcome, String product, String ruleset, boolean thinFile) {}

    DecisionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    DecisionService.Result timed(Supplier<DecisionService.Result> decide) {
        long started = System.nanoTime();
        DecisionService.Result result = decide.get();
        Decision decision = result.stored().decision();
        durations
                .computeIfAbsent(new DurationTags(decision.outcome().name(), !result.created()), this::duration)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (result.created()) {
            Submission submission = result.stored().submission();
            counts.computeIfAbsent(
                            new DecisionTags(
                                    decision.outcome().name(),
                                    submission.application().product().name(),
                                    decision.rulesetVersion() == null ? "none" : decision.rulesetVersion(),
                                    decision.features().thinFile()),
                            this::count)
                    .increment();
        }
        return result;
    }

    private Timer duration(DurationTags tags) {
        return Timer.builder("arbiter.decision.duration")
                .description("Server-side time to answer a decision request")
                .tag("outcome", tags.outcome())
                .tag("replayed", Boolean.toString(tags.replayed()))
                // buckets, so Prometheus computes percentiles across nodes (histogram_quantile);
                // Micrometer's Prometheus registry publishes no client-side percentiles beside a histogram
                .publishPercentileHistogram()
                .register(meters);
    }

    private Counter count(DecisionTags tags) {
        return Counter.builder("arbiter.decisions")
                .description("Decisions made, by outcome, product, ruleset version and thin file")
                .tag("outcome", tags.outcome())
                .tag("product", tags.product())
                .tag("ruleset", tags.ruleset())
                .tag("thin_file", Boolean.toString(tags.thinFile()))
                .register(meters);
    }
}
