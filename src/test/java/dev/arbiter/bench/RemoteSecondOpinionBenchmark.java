package dev.arbiter.bench;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.EnsembleConfig;
import dev.arbiter.ensemble.RequestSigner;
import dev.arbiter.ensemble.RoutedEnsemble;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCompiler;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Thin-file applicants, so every decision asks a second opinion of a signed {@code http-json}
 * provider on loopback that answers in a fixed time; {@code signedCallDirect}, the same
 * exchange made by hand, is the baseline the ensemble's overhead is measured against.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RemoteSecondOpinionBenchmark {

    static final String SECRET = "bench-hmac-secret";

    @State(Scope.Benchmark)
    public static class Engine {

        /** How long the provider takes to answer, in milliseconds. */
        @Param("5")
        public long providerMillis;

        FixedLatencyProvider provider;
        Path engineDir;
        RoutedEnsemble ensemble;
        DecisionService service;
        SignedCall direct;
        List<Application> applications;
        List<Features> features;
        List<ModelInput> inputs;

        @Setup(Level.Trial)
        public void start() throws IOException {
            Clock clock = Clock.systemUTC();
            provider = new FixedLatencyProvider(providerMillis);
            engineDir = engineWithRemoteSecondOpinion(provider.url("/v1/score"));
            ensemble = RoutedEnsemble.from(EnsembleConfig.load(engineDir.resolve("ensemble.yaml")), engineDir, clock);
            var rules = new DroolsRuleEvaluator(new RulesetCompiler().compile(Ruleset.load(Path.of("rules"))));
            FeatureDeriver deriver = new FeatureDeriver(ThinFileDefinition.DEFAULT, clock);
            service = new DecisionService(deriver, ensemble, rules, new Workload.NoStorage(), clock, UUID::randomUUID);
            direct = new SignedCall(
                    URI.create(provider.url("/v1/score")),
                    new RequestSigner("bench", 1, SECRET.getBytes(StandardCharsets.UTF_8), clock));

            applications = Workload.thinFile();
            features = applications.stream().map(deriver::derive).toList();
            inputs = IntStream.range(0, applications.size())
                    .mapToObj(i -> ModelInput.of(applications.get(i), features.get(i)))
                    .toList();
            try {
                warmUntilTheProviderAnswers();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
        }

        /**
         * A cold JVM on a busy machine can miss the first calls' timeout; measuring starts only
         * once the second opinion really goes to the provider and back, ten times in a row.
         */
        private void warmUntilTheProviderAnswers() {
            int inARow = 0;
            for (int i = 0; i < 500 && inARow < 10; i++) {
                List<ModelScore> remote = ensemble.assess(applications.get(i), features.get(i)).stream()
                        .filter(s -> s.role() == ModelRole.SECOND_OPINION)
                        .toList();
                boolean ok = remote.size() == 1
                        && remote.get(0).status() == ModelStatus.OK
                        && remote.get(0).modelId().equals("vendor-risk");
                inARow = ok ? inARow + 1 : 0;
                if (!ok && i == 499) {
                    throw new IllegalStateException("expected an OK answer from vendor-risk, got " + remote);
                }
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            System.out.printf("%n[provider] answered %d requests, %d ms each%n", provider.answered(), providerMillis);
            ensemble.close();
            provider.close();
            try (Stream<Path> files = Files.walk(engineDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Baseline: body, signature, POST and parse of the provider's answer, on this thread, nothing else. */
    @Benchmark
    public double signedCallDirect(Engine e, Cursor c) throws IOException, InterruptedException {
        return e.direct.score(e.inputs.get(c.next(e.inputs.size())));
    }

    /** The routed ensemble: in-process primary and fraud in parallel, then the remote second opinion with its guards. */
    @Benchmark
    public List<ModelScore> ensemble(Engine e, Cursor c) {
        int i = c.next(e.applications.size());
        return e.ensemble.assess(e.applications.get(i), e.features.get(i));
    }

    /** A whole decision without storage, second opinion included. */
    @Benchmark
    public Decision decision(Engine e, Cursor c) {
        return e.service.evaluate(e.applications.get(c.next(e.applications.size())));
    }

    /** A temporary engine folder: the shipped scorecards, with the loopback provider as the second-opinion chain. */
    static Path engineWithRemoteSecondOpinion(String endpoint) throws IOException {
        Path dir = Files.createTempDirectory("arbiter-bench-engine");
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("secrets"));
        for (String model : List.of("primary-credit", "device-fraud")) {
            Files.copy(Path.of("engine/models", model + ".json"), dir.resolve("models/" + model + ".json"));
        }
        Files.writeString(dir.resolve("secrets/vendor.key"), SECRET);
        Files.writeString(dir.resolve("ensemble.yaml"), """
                version: "bench"
                deadline: 2s
                costBudget: 1
                dataRegions:
                  EU: [EU]
                secondOpinion: { riskAbove: 0.8, confidenceBelow: 0.4, thinFile: true, count: 1 }
                roles:
                  primary: [primary-credit]
                  fraud: [device-fraud]
                  second-opinion: [vendor-risk]
                models:
                  - { id: primary-credit, type: scorecard, file: models/primary-credit.json }
                  - { id: device-fraud, type: scorecard, file: models/device-fraud.json }
                  - id: vendor-risk
                    type: http-json
                    version: "1"
                    endpoint: "%s"
                    credentials: file:secrets/vendor.key
                    keyId: bench
                    keyVersion: 1
                    regions: [EU]
                    timeout: 1s
                    maxConcurrent: 64
                    costPerCall: 0.001
                """.formatted(endpoint));
        return dir;
    }
}
