package dev.arbiter.ensemble;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelEnsemble;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.Product;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * The configured ensemble: primary and fraud chains run in parallel, the second-opinion chain
 * after the primary when its trigger fires, all under one deadline and one cost budget, and
 * each remote model only for applications whose data region may be sent to it. Every attempt,
 * failed, skipped or retried, comes back as one {@link ModelScore}.
 */
public final class RoutedEnsemble implements ModelEnsemble, AutoCloseable {

    private final EnsembleConfig config;
    private final Map<String, Provider> providers;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ExecutorService executor;
    private final List<Consumer<List<ModelScore>>> observers = new CopyOnWriteArrayList<>();
    private final String threadPrefix;
    /** Every model answers in process: calls run on the caller's thread, with no hand-off to wait for. */
    private final boolean inProcess;

    private volatile ObservationRegistry observations = ObservationRegistry.NOOP;

    RoutedEnsemble(EnsembleConfig config, Map<String, Provider> providers) {
        this.config = config;
        this.providers = Map.copyOf(providers);
        this.inProcess = this.providers.values().stream().allMatch(p -> p instanceof ScorecardProvider);
        this.threadPrefix = "ensemble-" + INSTANCES.incrementAndGet() + "-";
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadPrefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds the ensemble from a loaded configuration; model files and credentials resolve against {@code engineDir}. */
    public static RoutedEnsemble from(EnsembleConfig config, Path engineDir, Clock clock) {
        return from(config, engineDir, clock, System::getenv);
    }

    public static RoutedEnsemble from(
            EnsembleConfig config, Path engineDir, Clock clock, Function<String, String> environment) {
        return new RoutedEnsemble(
                config, Providers.build(config, engineDir, clock, environment, Providers.httpClient()));
    }

    /** Loads {@code engineDir/ensemble.yaml} and builds the ensemble from it. */
    public static RoutedEnsemble load(Path engineDir, Clock clock) {
        return from(EnsembleConfig.load(engineDir.resolve("ensemble.yaml")), engineDir, clock);
    }

    public EnsembleConfig config() {
        return config;
    }

    Provider provider(String id) {
        return providers.get(id);
    }

    /** Every configured model behind the network, by id. */
    Map<String, RemoteModel> remoteModels() {
        Map<String, RemoteModel> remote = new java.util.LinkedHashMap<>();
        providers.forEach((id, provider) -> {
            if (provider instanceof RemoteModel model) {
                remote.put(id, model);
            }
        });
        return remote;
    }

    /**
     * Observes every remote model call (a span each when tracing is on, its context sent along as
     * {@code traceparent}); the chains that run on the ensemble's threads continue the caller's observation.
     */
    public void observeWith(ObservationRegistry registry) {
        this.observations = registry;
        remoteModels().values().forEach(m -> m.observeWith(registry));
    }

    /** Hands every decision's model answers (one per attempt) to {@code observer}, on the deciding thread. */
    void observe(Consumer<List<ModelScore>> observer) {
        observers.add(observer);
    }

    @Override
    public String version() {
        return config.contentHash();
    }

    @Override
    public List<ModelScore> assess(Application application, Features features) {
        ModelInput input = ModelInput.of(application, features);
        DecisionLimits limits = new DecisionLimits(config.deadline(), config.costBudget());
        Product product = application.product();
        Function<ModelScore, ModelScore> domain = new DomainCheck(application, input);
        Chain primary = new Chain(ModelRole.PRIMARY, "always", 1, application, input, limits, domain);
        Chain fraud = new Chain(ModelRole.FRAUD, "always", 1, application, input, limits, domain);
        Chain[] second = new Chain[1];
        Runnable primaryThenSecond = () -> {
            ModelScore answer = primary.run();
            if (!primary.finished()
                    || config.chain(ModelRole.SECOND_OPINION, product).isEmpty()) {
                return;
            }
            Optional<String> trigger = answer != null && answer.outOfDomain()
                    ? Optional.of("out-of-domain")
                    : config.secondOpinion().fire(answer, features.thinFile());
            if (trigger.isPresent()) {
                Chain chain = new Chain(
                        ModelRole.SECOND_OPINION,
                        trigger.get(),
                        config.secondOpinion().count(),
                        application,
                        input,
                        limits,
                        domain);
                synchronized (second) {
                    second[0] = chain;
                }
                chain.run();
            }
        };
        boolean fraudDue = !config.chain(ModelRole.FRAUD, product).isEmpty();
        if (inProcess) {
            // a scorecard answers in microseconds: handing it to another thread costs more than it does
            primaryThenSecond.run();
            if (fraudDue) {
                fraud.run();
            }
        } else {
            // remote calls run in parallel under one deadline
            Future<?> primaryRun = executor.submit(withLogContext(primaryThenSecond));
            Future<?> fraudRun = fraudDue ? executor.submit(withLogContext(fraud::run)) : null;
            await(primaryRun, limits);
            if (fraudRun != null) {
                await(fraudRun, limits);
            }
        }
        List<ModelScore> primaryScores = primary.close();
        List<ModelScore> scores = new ArrayList<>(primaryScores);
        synchronized (second) {
            if (second[0] != null) {
                scores.addAll(second[0].close());
            } else if (!config.chain(ModelRole.SECOND_OPINION, product).isEmpty()) {
                // a second opinion was due (the primary never answered, or answered unsure just as the
                // deadline passed) but there was no time to ask: the record still says so
                Optional<String> due = !primary.finished()
                        ? Optional.of("primary-failed")
                        : primaryScores.isEmpty()
                                ? Optional.empty()
                                : config.secondOpinion()
                                        .fire(primaryScores.get(primaryScores.size() - 1), features.thinFile());
                due.ifPresent(trigger -> scores.addAll(new Chain(
                                ModelRole.SECOND_OPINION,
                                trigger,
                                config.secondOpinion().count(),
                                application,
                                input,
                                limits,
                                domain)
                        .close()));
            }
        }
        if (fraudDue) {
            scores.addAll(fraud.close());
        }
        List<ModelScore> answered = List.copyOf(scores);
        observers.forEach(observer -> observer.accept(answered));
        return answered;
    }

    /**
     * Flags an answer from a model for an application outside the domain it declares: its
     * confidence cut to {@link ModelDomain#CONFIDENCE_FACTOR} of itself; its raw response stays
     * the model's own. Any other answer is returned as it is. Each model's domain is checked
     * once per decision (an answer passes here when it is first used and again when its chain
     * closes); chains of remote models run on several threads, whence the concurrent map.
     */
    private final class DomainCheck implements Function<ModelScore, ModelScore> {

        private final Application application;
        private final ModelInput input;
        private final Map<String, List<String>> outside = new java.util.concurrent.ConcurrentHashMap<>(4);

        DomainCheck(Application application, ModelInput input) {
            this.application = application;
            this.input = input;
        }

        @Override
        public ModelScore apply(ModelScore score) {
            if (score == null || !score.ok() || score.outOfDomain()) {
                return score;
            }
            List<String> why = outside.get(score.modelId());
            if (why == null) {
                // the same for every thread that checks it: a second check finds what the first did
                why = config.domain(score.modelId()).outside(application, input);
                outside.put(score.modelId(), why);
            }
            if (why.isEmpty()) {
                return score;
            }
            return new ModelScore(
                    score.role(),
                    score.modelId(),
                    score.modelVersion(),
                    score.providerRegion(),
                    score.attempt(),
                    score.trigger(),
                    score.status(),
                    score.risk(),
                    score.confidence() == null ? null : score.confidence() * ModelDomain.CONFIDENCE_FACTOR,
                    score.factors(),
                    score.latencyMillis(),
                    score.rawResponse(),
                    true);
        }
    }

    /** The deciding thread's logging context (client, application id) on the chain's thread too. */
    private Runnable withLogContext(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        Observation parent = observations.getCurrentObservation();
        return () -> {
            if (context != null) {
                MDC.setContextMap(context);
            }
            Observation.Scope scope = parent == null ? null : parent.openScope();
            try {
                task.run();
            } finally {
                if (scope != null) {
                    scope.close();
                }
                MDC.clear();
            }
        };
    }

    private static void await(Future<?> run, DecisionLimits limits) {
        try {
            run.get(Math.max(0, limits.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
        } catch (InterruptedException e) {
            run.cancel(true);
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("ensemble chain failed", e.getCause());
        }
    }

    /** Names the threads this ensemble hands remote calls to. */
    String threadPrefix() {
        return threadPrefix;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** One role's failover chain for one decision. */
    private final class Chain {

        private final ModelRole role;
        private final String trigger;
        private final int wanted;
        private final String dataRegion;
        private final Product product;
        private final ModelInput input;
        private final DecisionLimits limits;
        private final Function<ModelScore, ModelScore> domain;
        private final ChainTrace trace;
        private volatile int next;
        private volatile boolean finished;

        Chain(
                ModelRole role,
                String trigger,
                int wanted,
                Application application,
                ModelInput input,
                DecisionLimits limits,
                Function<ModelScore, ModelScore> domain) {
            this.role = role;
            this.trigger = trigger;
            this.wanted = wanted;
            this.dataRegion = application.dataRegion();
            this.product = application.product();
            this.input = input;
            this.limits = limits;
            this.domain = domain;
            this.trace = new ChainTrace(role);
        }

        /** Tries the chain's models in order until {@code wanted} answered; returns the first usable answer. */
        ModelScore run() {
            ModelScore first = null;
            int answered = 0;
            List<String> ids = config.chain(role, product);
            for (int i = 0; i < ids.size() && answered < wanted; i++) {
                if (Thread.currentThread().isInterrupted() || limits.remaining().isZero()) {
                    return first; // out of time: unfinished, so close() records what was not reached
                }
                next = i + 1;
                Provider provider = providers.get(ids.get(i));
                ModelScore score;
                if (!config.allows(dataRegion, provider.config())) {
                    score = Provider.notCalled(
                            provider,
                            role,
                            trigger,
                            1,
                            ModelStatus.REGION_FORBIDDEN,
                            "applications from data region " + dataRegion + " may not be sent to provider regions "
                                    + provider.config().regions() + "; not called");
                    trace.record(score);
                } else {
                    score = provider.call(input, role, trigger, limits, trace);
                }
                if (score.ok()) {
                    answered++;
                    first = first == null ? domain.apply(score) : first;
                }
            }
            finished = true;
            trace.finish();
            return first;
        }

        boolean finished() {
            return finished;
        }

        List<ModelScore> close() {
            List<String> ids = config.chain(role, product);
            List<ChainTrace.Skipped> notReached = next < ids.size() ? new ArrayList<>() : List.of();
            // the model at next - 1 was being asked when time ran out; ChainTrace records it as TIMEOUT
            for (int i = next; i < ids.size(); i++) {
                Provider p = providers.get(ids.get(i));
                notReached.add(new ChainTrace.Skipped(p.config(), p.version(), trigger));
            }
            List<ModelScore> attempts = trace.close(notReached);
            ModelScore[] checked = new ModelScore[attempts.size()];
            for (int i = 0; i < checked.length; i++) {
                checked[i] = domain.apply(attempts.get(i));
            }
            return Arrays.asList(checked);
        }
    }
}
