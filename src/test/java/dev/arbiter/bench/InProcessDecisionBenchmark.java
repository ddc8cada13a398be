package dev.arbiter.bench;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.RuleVerdict;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.RoutedEnsemble;
import dev.arbiter.ensemble.ScorecardModel;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The shipped engine (engine/ensemble.yaml: three in-process scorecards) over the German
 * credit applicants, from the models alone up to a whole decision without storage:
 * {@code scorecardsDirect} is the baseline the ensemble's overhead is measured against.
 * Warm-up is long because Drools keeps getting faster for about 15 s as it compiles its
 * constraints and the JIT follows.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class InProcessDecisionBenchmark {

    @State(Scope.Benchmark)
    public static class Engine {

        ScorecardModel primary;
        ScorecardModel fraud;
        ScorecardModel cashFlow;
        RoutedEnsemble ensemble;
        DroolsRuleEvaluator rules;
        DecisionService service;
        List<Application> applications;
        List<Features> features;
        List<ModelInput> inputs;
        /** What the ensemble answered for each applicant: the fixed scores the rules-alone benchmark decides on. */
        List<List<ModelScore>> scores;
        /** Whether the ensemble asked the second opinion for each applicant, so the baseline asks it too. */
        boolean[] secondOpinion;

        @Setup(Level.Trial)
        public void start() {
            Clock clock = Clock.systemUTC();
            Path engine = Path.of("engine");
            primary = ScorecardModel.load(engine.resolve("models/primary-credit.json"));
            fraud = ScorecardModel.load(engine.resolve("models/device-fraud.json"));
            cashFlow = ScorecardModel.load(engine.resolve("models/cash-flow.json"));
            ensemble = RoutedEnsemble.load(engine, clock);
            rules = new DroolsRuleEvaluator(new RulesetCompiler().compile(Ruleset.load(Path.of("rules"))));
            FeatureDeriver deriver = new FeatureDeriver(ThinFileDefinition.DEFAULT, clock);
            service = new DecisionService(deriver, ensemble, rules, new Workload.NoStorage(), clock, UUID::randomUUID);

            applications = Workload.germanCredit();
            features = applications.stream().map(deriver::derive).toList();
            inputs = java.util.stream.IntStream.range(0, applications.size())
                    .mapToObj(i -> ModelInput.of(applications.get(i), features.get(i)))
                    .toList();
            scores = java.util.stream.IntStream.range(0, applications.size())
                    .mapToObj(i -> ensemble.assess(applications.get(i), features.get(i)))
                    .toList();
            secondOpinion = new boolean[applications.size()];
            int asked = 0;
            int failed = 0;
            for (int i = 0; i < scores.size(); i++) {
                secondOpinion[i] = scores.get(i).stream().anyMatch(s -> s.role() == ModelRole.SECOND_OPINION);
                asked += secondOpinion[i] ? 1 : 0;
                failed += scores.get(i).stream().anyMatch(s -> !s.ok()) ? 1 : 0;
            }
            // a cold JVM on a busy machine can miss the deadline a few times; many misses mean a broken setup
            if (failed > applications.size() / 20) {
                throw new IllegalStateException(failed + " applicants had a failed in-process model, e.g. " + scores);
            }
            System.out.printf(
                    "%n[workload] %d German credit applicants, %d of them (%.0f%%) get the cash-flow second"
                            + " opinion; %d had a model miss the deadline while the JVM was cold%n",
                    applications.size(), asked, 100.0 * asked / applications.size(), failed);
        }

        @TearDown(Level.Trial)
        public void stop() {
            ensemble.close();
        }
    }

    /** Baseline: the models the ensemble would ask for this applicant, called one after another on this thread. */
    @Benchmark
    public void scorecardsDirect(Engine e, Cursor c, Blackhole bh) {
        int i = c.next(e.inputs.size());
        ModelInput input = e.inputs.get(i);
        bh.consume(e.primary.score(input, ModelRole.PRIMARY, "always"));
        bh.consume(e.fraud.score(input, ModelRole.FRAUD, "always"));
        if (e.secondOpinion[i]) {
            bh.consume(e.cashFlow.score(input, ModelRole.SECOND_OPINION, "thin-file"));
        }
    }

    /** The routed ensemble: primary and fraud in parallel, the trigger, the second opinion, deadline and budget bookkeeping. */
    @Benchmark
    public List<ModelScore> ensemble(Engine e, Cursor c) {
        int i = c.next(e.applications.size());
        return e.ensemble.assess(e.applications.get(i), e.features.get(i));
    }

    /** The Drools ruleset alone, on the scores the ensemble gave this applicant. */
    @Benchmark
    public RuleVerdict rules(Engine e, Cursor c) {
        int i = c.next(e.applications.size());
        return e.rules.evaluate(e.applications.get(i), e.features.get(i), e.scores.get(i));
    }

    /** A whole decision without storage: features, ensemble, rules, guardrails. */
    @Benchmark
    public Decision decision(Engine e, Cursor c) {
        return e.service.evaluate(e.applications.get(c.next(e.applications.size())));
    }
}
