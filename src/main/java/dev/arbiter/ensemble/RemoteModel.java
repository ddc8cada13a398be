package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A model behind the network, guarded per model by a Resilience4j circuit breaker and
 * bulkhead, and retried by a Resilience4j retry on transient failures only, waiting what the
 * provider's {@code Retry-After} asks (or the configured backoff) and never past the deadline.
 * Subclasses speak the protocol: one request, one {@link Exchange}.
 */
abstract class RemoteModel implements Provider {

    private final ModelConfig config;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    // one small registry each, only so that resilience4j-micrometer can publish this model's meters
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();
    private final RetryRegistry retries = RetryRegistry.ofDefaults();
    private volatile ObservationRegistry observations = ObservationRegistry.NOOP;

    RemoteModel(ModelConfig config) {
        this.config = config;
        ModelConfig.BreakerSettings b = config.circuitBreaker();
        this.breaker = breakers.circuitBreaker(
                config.id(),
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(b.window())
                        .minimumNumberOfCalls(b.window())
                        .failureRateThreshold(b.failureRateThreshold())
                        .waitDurationInOpenState(b.waitInOpen())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        this.bulkhead = bulkheads.bulkhead(
                config.id(),
                BulkheadConfig.custom()
                        .maxConcurrentCalls(config.maxConcurrent())
                        .maxWaitDuration(Duration.ZERO)
                        .build());
        this.retry = retries.retry(
                config.id(),
                RetryConfig.<Attempt>custom()
                        .maxAttempts(config.retry().maxAttempts())
                        .retryOnResult(Attempt::retry)
                        .intervalBiFunction((n, outcome) ->
                                outcome.isRight() ? outcome.get().waitMillis() : 0L)
                        .failAfterMaxAttempts(false)
                        .build());
    }

    /**
     * One request to the provider, bounded by {@code timeout}, carrying {@code traceHeaders} (the
     * W3C {@code traceparent} of the call's span when tracing is on); never throws for provider faults.
     */
    abstract Exchange exchange(ModelInput input, Duration timeout, Map<String, String> traceHeaders)
            throws InterruptedException;

    /** Each attempt becomes an observation (a client span when tracing is on) whose context the request carries. */
    void observeWith(ObservationRegistry registry) {
        this.observations = registry;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String version() {
        return config.version();
    }

    CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    /** Publishes this model's circuit breaker, bulkhead and retry meters, tagged with the model id as {@code name}. */
    void bindTo(MeterRegistry meters) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** Opens the circuit by hand, as repeated failures would; for health checks' tests. */
    void forceOpen() {
        breaker.transitionToForcedOpenState();
    }

    @Override
    public ModelScore call(ModelInput input, ModelRole role, String trigger, DecisionLimits limits, ChainTrace trace) {
        int[] attempt = {0};
        Attempt last = retry.executeSupplier(() -> {
            Attempt a = attempt(++attempt[0], input, role, trigger, limits, trace);
            trace.record(a.score());
            return a;
        });
        return last.score();
    }

    private Attempt attempt(
            int n, ModelInput input, ModelRole role, String trigger, DecisionLimits limits, ChainTrace trace) {
        if (trace.closed() || Thread.currentThread().isInterrupted()) {
            return Attempt.finalAnswer(
                    Provider.notCalled(this, role, trigger, n, ModelStatus.TIMEOUT, "decision deadline reached"));
        }
        if (!breaker.tryAcquirePermission()) {
            return Attempt.finalAnswer(Provider.notCalled(
                    this,
                    role,
                    trigger,
                    n,
                    ModelStatus.CIRCUIT_OPEN,
                    "circuit breaker open after repeated failures; not called"));
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return Attempt.finalAnswer(Provider.notCalled(
                    this,
                    role,
                    trigger,
                    n,
                    ModelStatus.RATE_LIMITED,
                    "concurrency limit of " + config.maxConcurrent() + " calls in flight reached; not called"));
        }
        try {
            if (!limits.reserve(config.costPerCall())) {
                breaker.releasePermission();
                return Attempt.finalAnswer(Provider.notCalled(
                        this,
                        role,
                        trigger,
                        n,
                        ModelStatus.BUDGET_EXHAUSTED,
                        "the call would exceed the decision's cost budget; not called"));
            }
            Duration timeout = min(config.timeout(), limits.remaining());
            trace.begin(config, version(), n, trigger);
            long started = System.nanoTime();
            Exchange ex = null;
            SenderContext<Map<String, String>> call = new SenderContext<>(Map::put);
            call.setCarrier(new LinkedHashMap<>());
            call.setRemoteServiceName(config.id());
            Observation observation = Observation.createNotStarted("arbiter.model.exchange", () -> call, observations)
                    .contextualName("model " + config.id())
                    .lowCardinalityKeyValue("model", config.id())
                    .lowCardinalityKeyValue("role", role.name().toLowerCase(java.util.Locale.ROOT))
                    .highCardinalityKeyValue("attempt", Integer.toString(n))
                    .start();
            try (Observation.Scope scope = observation.openScope()) {
                ex = exchange(input, timeout, call.getCarrier());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex = Exchange.failed(ModelStatus.TIMEOUT, false, Json.error("decision deadline reached"));
            } catch (RuntimeException e) {
                ex = Exchange.failed(
                        ModelStatus.ERROR, false, Json.error(e.getClass().getSimpleName() + ": " + e.getMessage()));
            } finally {
                observation
                        .lowCardinalityKeyValue(
                                "status", ex == null ? "ERROR" : ex.status().name())
                        .stop();
            }
            long nanos = System.nanoTime() - started;
            if (ex.status() == ModelStatus.OK) {
                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFailure(ex.status()));
            }
            ModelScore score = new ModelScore(
                    role,
                    config.id(),
                    version(),
                    config.providerRegion(),
                    n,
                    trigger,
                    ex.status(),
                    ex.risk(),
                    ex.confidence(),
                    ex.factors(),
                    nanos / 1_000_000,
                    ex.raw());
            return new Attempt(score, ex.transientFailure(), waitBeforeRetry(ex, n), limits);
        } finally {
            bulkhead.onComplete();
        }
    }

    private long waitBeforeRetry(Exchange ex, int n) {
        if (ex.retryAfter() != null) {
            return ex.retryAfter().toMillis();
        }
        return config.retry().backoff().toMillis() << Math.min(n - 1, 10);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One attempt's answer and whether (and after how long) the retry should try again. */
    record Attempt(ModelScore score, boolean transientFailure, long waitMillis, DecisionLimits limits) {

        static Attempt finalAnswer(ModelScore score) {
            return new Attempt(score, false, 0, null);
        }

        /** Only transient failures are retried, and only when the wait still ends before the deadline. */
        boolean retry() {
            return transientFailure && limits != null && limits.remaining().toMillis() > waitMillis;
        }
    }

    /** What the circuit breaker counts as a failure: any answer that was not usable. */
    static final class ProviderFailure extends RuntimeException {
        ProviderFailure(ModelStatus status) {
            super(status.name(), null, false, false);
        }
    }
}
