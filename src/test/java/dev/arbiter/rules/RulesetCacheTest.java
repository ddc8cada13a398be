package dev.arbiter.rules;

import static dev.arbiter.decision.TestApplications.regularApplicant;
import static dev.arbiter.rules.Applications.cleanFraudScreen;
import static dev.arbiter.rules.Applications.primaryRisk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.ThinFileDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

/** One cache of compiled versions: what it lets go has its session pool shut, never what serves or is in use. */
class RulesetCacheTest {

    private static final Ruleset SHIPPED = Ruleset.loadWithCases(Path.of("rules"));
    private static final FeatureDeriver FEATURES = new FeatureDeriver(
            ThinFileDefinition.DEFAULT, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private final StoredFiles stored = new StoredFiles();
    private final DroolsRuleEvaluator serving = new DroolsRuleEvaluator();
    private final ShadowRuleset shadow = new ShadowRuleset();

    /** A stored copy of the shipped ruleset that differs in its minimum age, hence in its version. */
    private String storedVersion(int minAge) {
        String parameters = new String(SHIPPED.content("parameters.json"), StandardCharsets.UTF_8);
        Ruleset changed = SHIPPED.with(
                "parameters.json",
                parameters.replace("\"minAge\": 18", "\"minAge\": " + minAge).getBytes(StandardCharsets.UTF_8));
        stored.put(changed);
        return changed.version();
    }

    private RulesetCache cache(int versions) {
        return new RulesetCache(stored, new RulesetCheck(ThinFileDefinition.DEFAULT), serving, shadow, versions);
    }

    /** Whether the version's session pool still hands out sessions; a shut Drools pool refuses. */
    private static boolean poolOpen(CompiledRuleset compiled) {
        try {
            KieSession session = compiled.sessions().newKieSession();
            session.dispose();
            return true;
        } catch (IllegalStateException shut) {
            return false;
        }
    }

    private static Outcome decide(CompiledRuleset compiled) {
        var application = regularApplicant();
        return new DroolsRuleEvaluator(compiled)
                .evaluate(application, FEATURES.derive(application), List.of(primaryRisk(0.05), cleanFraudScreen()))
                .outcome();
    }

    @Test
    void aVersionLetGoForSpaceHasItsPoolShutWhileTheServingOneKeepsItsPool() {
        RulesetCache cache = cache(1);
        CompiledRuleset active = cache.checked(storedVersion(18)).compiled();
        serving.activate(active);
        List<CompiledRuleset> others = List.of(
                cache.checked(storedVersion(19)).compiled(),
                cache.checked(storedVersion(20)).compiled(),
                cache.checked(storedVersion(21)).compiled());
        cache.cleanUp();

        List<CompiledRuleset> letGo =
                others.stream().filter(c -> !cache.holds(c)).toList();
        assertThat(letGo).hasSizeGreaterThanOrEqualTo(2);
        assertThat(letGo).noneMatch(RulesetCacheTest::poolOpen);
        assertThat(others.stream().filter(cache::holds)).allMatch(RulesetCacheTest::poolOpen);
        assertThat(poolOpen(active)).isTrue();
        assertThat(decide(active)).isEqualTo(Outcome.APPROVE);
    }

    @Test
    void theServingVersionAndTheChallengerAreNotShutWhenTheCacheLetsThemGo() {
        RulesetCache cache = cache(8);
        CompiledRuleset active = cache.checked(storedVersion(18)).compiled();
        CompiledRuleset challenger = cache.checked(storedVersion(19)).compiled();
        CompiledRuleset idle = cache.checked(storedVersion(20)).compiled();
        serving.activate(active);
        shadow.run(challenger);

        cache.forgetAll();

        assertThat(poolOpen(active)).isTrue();
        assertThat(poolOpen(challenger)).isTrue();
        assertThat(poolOpen(idle)).isFalse();
    }

    @Test
    void aVersionLetGoWhileItServedIsShutWhenItStopsServing() {
        RulesetCache cache = cache(8);
        CompiledRuleset first = cache.checked(storedVersion(18)).compiled();
        serving.activate(first);
        cache.forgetAll();
        assertThat(poolOpen(first)).isTrue();

        cache.leftService(serving.activate(cache.checked(storedVersion(19)).compiled()));

        assertThat(poolOpen(first)).isFalse();
        assertThat(poolOpen(serving.active())).isTrue();
    }

    @Test
    void aVersionStillCachedIsNotShutWhenItStopsServing() {
        RulesetCache cache = cache(8);
        CompiledRuleset first = cache.checked(storedVersion(18)).compiled();
        serving.activate(first);

        cache.leftService(serving.activate(cache.checked(storedVersion(19)).compiled()));

        assertThat(poolOpen(first)).isTrue();
        assertThat(cache.checked(first.version()).compiled()).isSameAs(first);
    }

    @Test
    void anEvaluationHoldingASessionWhenItsVersionIsLetGoFinishesAndThePoolShutsAfterIt() {
        RulesetCache cache = cache(8);
        CompiledRuleset replayed = cache.checked(storedVersion(18)).compiled();
        CompiledRuleset.Session held = replayed.openSession();

        cache.forgetAll();

        assertThat(poolOpen(replayed)).as("open while a pooled session is out").isTrue();
        replayed.close(held);
        assertThat(poolOpen(replayed)).as("shut once it is back").isFalse();
        assertThat(decide(replayed))
                .as("a later evaluation of the let-go version still decides")
                .isEqualTo(Outcome.APPROVE);
    }

    @Test
    void aReplayOfTheServingVersionUsesTheServingEvaluatorAndAnUnknownVersionIsEmpty() {
        RulesetCache cache = cache(8);
        String version = storedVersion(18);
        serving.activate(cache.checked(version).compiled());

        assertThat(cache.evaluator(version)).containsSame(serving);
        assertThat(cache.evaluator("ab".repeat(32))).isEmpty();
        assertThat(cache.evaluator(storedVersion(40))).get().isNotSameAs(serving);
    }

    @Test
    void aVersionIsCompiledOnceHoweverOftenItIsAskedFor() {
        RulesetCache cache = cache(8);
        String version = storedVersion(18);

        assertThat(cache.checked(version).compiled())
                .isSameAs(cache.checked(version).compiled());
        assertThatThrownBy(() -> cache.checked("cd".repeat(32))).isInstanceOf(RulesetNotFoundException.class);
    }

    /** Stored versions in memory: the cache reads nothing else of the repository. */
    private static final class StoredFiles extends UnusedRulesetRepository {

        private final Map<String, Ruleset> files = new HashMap<>();

        void put(Ruleset ruleset) {
            files.put(ruleset.version(), ruleset);
        }

        @Override
        public Optional<Ruleset> files(String version) {
            return Optional.ofNullable(files.get(version));
        }

        @Override
        public Optional<RulesetVersion> find(String version) {
            return files(version)
                    .map(r -> new RulesetVersion(
                            version,
                            "analyst",
                            Instant.EPOCH,
                            null,
                            RulesetStatus.APPROVED,
                            "reviewer",
                            Instant.EPOCH));
        }
    }
}
