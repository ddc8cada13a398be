package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Intervention;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.RuleEvaluator;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Terms;
import dev.arbiter.decision.ThinFileDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the golden cases kept in a ruleset folder's {@code cases/*.json} through the whole
 * decision (features, the given rules, the core's guardrails) with each case's model
 * answers standing in for the ensemble, and compares each decision with what the case
 * expects. Features are derived at {@link #CASE_TIME}, so a run is reproducible.
 */
public final class GoldenCases {

    public static final Instant CASE_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private static final JsonMapper JSON = ApplicationJson.mapper();

    private final RuleEvaluator rules;
    private final FeatureDeriver features;
    private final Clock clock = Clock.fixed(CASE_TIME, ZoneOffset.UTC);

    public GoldenCases(RuleEvaluator rules) {
        this(rules, ThinFileDefinition.DEFAULT);
    }

    public GoldenCases(RuleEvaluator rules, ThinFileDefinition thinFile) {
        this.rules = rules;
        this.features = new FeatureDeriver(thinFile, clock);
    }

    /** The cases in {@code rulesetFolder/cases}, by file name. */
    public static List<GoldenCase> load(Path rulesetFolder) {
        Path folder = rulesetFolder.resolve(Ruleset.CASES_FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<GoldenCase> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                cases.add(read(file.getFileName().toString(), Files.readAllBytes(file)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden cases in " + folder, e);
        }
    }

    /** The cases among a version's files ({@code cases/*.json}), by path. */
    public static List<GoldenCase> in(Ruleset ruleset) {
        String prefix = Ruleset.CASES_FOLDER + "/";
        return ruleset.paths().stream()
                .filter(path -> path.startsWith(prefix) && path.endsWith(".json"))
                .sorted()
                .map(path -> read(path.substring(prefix.length()), ruleset.content(path)))
                .toList();
    }

    /**
     * Reads one case. A score may leave out what a case does not care about: role defaults to
     * PRIMARY, status to OK, confidence to 1 when OK, attempt to 1, trigger to {@code always},
     * model id to the role's usual one and model version to {@code golden}.
     *
     * @throws IllegalArgumentException naming the file when the case is malformed
     */
    public static GoldenCase read(String file, byte[] json) {
        CaseJson raw;
        try {
            raw = JSON.readValue(json, CaseJson.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("golden case " + file + ": " + e.getOriginalMessage(), e);
        }
        if (raw.name() == null
                || raw.application() == null
                || raw.expected() == null
                || raw.expected().outcome() == null) {
            throw new IllegalArgumentException(
                    "golden case " + file + " needs a name, an application and an expected outcome");
        }
        List<ModelScore> scores = raw.scores() == null
                ? List.of()
                : raw.scores().stream().map(score -> score.toModelScore(file)).toList();
        return new GoldenCase(
                file,
                raw.name(),
                Objects.requireNonNullElse(raw.description(), ""),
                raw.application(),
                scores,
                raw.expected());
    }

    public List<GoldenCaseResult> runAll(List<GoldenCase> cases) {
        return cases.stream().map(this::run).toList();
    }

    public GoldenCaseResult run(GoldenCase goldenCase) {
        DecisionService service = new DecisionService(
                features,
                (application, derived) -> goldenCase.scores(),
                rules,
                NOT_STORED,
                clock,
                () -> UUID.nameUUIDFromBytes(goldenCase.file().getBytes(StandardCharsets.UTF_8)));
        Decision decision = service.evaluate(goldenCase.application());
        return new GoldenCaseResult(goldenCase, decision, mismatches(goldenCase.expected(), decision));
    }

    private static List<String> mismatches(GoldenCase.Expectation expected, Decision decision) {
        List<String> mismatches = new ArrayList<>();
        if (expected.outcome() != decision.outcome()) {
            mismatches.add("outcome: expected " + expected.outcome() + ", was " + decision.outcome()
                    + (decision.guardrails().isEmpty()
                            ? ""
                            : " "
                                    + decision.guardrails().stream()
                                            .map(Intervention::text)
                                            .toList()));
        }
        List<String> reasons = decision.reasons().stream().map(r -> r.code()).toList();
        if (!expected.reasons().equals(reasons)) {
            mismatches.add("reasons: expected " + expected.reasons() + ", was " + reasons);
        }
        List<String> fired =
                decision.firedRules().stream().map(r -> r.ruleCode()).toList();
        if (expected.firedRules() != null && !expected.firedRules().equals(fired)) {
            mismatches.add("fired rules: expected " + expected.firedRules() + ", was " + fired);
        }
        Optional<Terms> terms = Optional.ofNullable(decision.terms());
        compare(
                "credit limit",
                expected.creditLimit(),
                terms.map(Terms::creditLimit).orElse(null),
                mismatches);
        compare("apr", expected.apr(), terms.map(Terms::apr).orElse(null), mismatches);
        return mismatches;
    }

    private static void compare(String what, BigDecimal expected, BigDecimal actual, List<String> mismatches) {
        if (expected != null && (actual == null || expected.compareTo(actual) != 0)) {
            mismatches.add(what + ": expected " + expected.toPlainString() + ", was "
                    + (actual == null ? "none" : actual.toPlainString()));
        }
    }

    /** Golden cases are evaluated, never stored. */
    private static final DecisionLog NOT_STORED = new DecisionLog() {
        @Override
        public Optional<StoredDecision> find(UUID decisionId) {
            return Optional.empty();
        }

        @Override
        public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
            return Optional.empty();
        }

        @Override
        public void append(StoredDecision decision) {
            throw new UnsupportedOperationException("golden cases are not stored");
        }
    };

    private record CaseJson(
            String name,
            String description,
            Application application,
            List<ScoreJson> scores,
            GoldenCase.Expectation expected) {}

    private record ScoreJson(
            ModelRole role,
            String modelId,
            String modelVersion,
            String providerRegion,
            Integer attempt,
            String trigger,
            ModelStatus status,
            Double risk,
            Double confidence,
            List<ScoreFactor> factors,
            Long latencyMillis,
            String rawResponse,
            Boolean outOfDomain) {

        ModelScore toModelScore(String file) {
            ModelRole r = role == null ? ModelRole.PRIMARY : role;
            ModelStatus s = status == null ? ModelStatus.OK : status;
            if (s == ModelStatus.OK && risk == null) {
                throw new IllegalArgumentException("golden case " + file + ": an OK " + r + " score needs a risk");
            }
            String id = modelId != null
                    ? modelId
                    : r.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-model";
            return new ModelScore(
                    r,
                    id,
                    modelVersion == null ? "golden" : modelVersion,
                    providerRegion,
                    attempt == null ? 1 : attempt,
                    trigger == null ? "always" : trigger,
                    s,
                    s == ModelStatus.OK ? risk : null,
                    s == ModelStatus.OK ? (confidence == null ? 1.0 : confidence) : null,
                    factors,
                    latencyMillis == null ? 0 : latencyMillis,
                    rawResponse,
                    Boolean.TRUE.equals(outOfDomain));
        }
    }
}
