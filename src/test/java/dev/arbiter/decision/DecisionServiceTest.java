package dev.arbiter.decision;

import static dev.arbiter.decision.DecisionFixtures.primary;
import static dev.arbiter.decision.TestApplications.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    private static final Map<String, Object> MONITORING = Map.of("sex", "female-marker-7f3", "ethnicity", "marker-9c1");

    private final List<ModelInput> modelInputs = new ArrayList<>();
    private final List<Object> ruleFacts = new ArrayList<>();
    private final Map<String, StoredDecision> stored = new HashMap<>();

    /** Stands in for the PostgreSQL log; the integration tests run the real one. */
    private final DecisionLog log = new DecisionLog() {
        @Override
        public Optional<StoredDecision> find(UUID id) {
            return stored.values().stream()
                    .filter(s -> s.decision().id().equals(id))
                    .findFirst();
        }

        @Override
        public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
            return Optional.ofNullable(stored.get(applicationId));
        }

        @Override
        public void append(StoredDecision decision) {
            stored.put(decision.decision().applicationId(), decision);
        }
    };

    private final ModelEnsemble ensemble = (application, features) -> {
        modelInputs.add(ModelInput.of(application, features));
        return List.of(primary(0.1, 0.9));
    };

    private final RuleEvaluator rules = (application, features, scores) -> {
        ruleFacts.add(application);
        ruleFacts.add(features);
        ruleFacts.addAll(scores);
        return new RuleVerdict(
                "ruleset-1",
                Outcome.APPROVE,
                List.of(),
                new Terms(new BigDecimal("4000"), new BigDecimal("0.099"), "EUR", 24, new BigDecimal("4000")),
                List.of());
    };

    private DecisionService service(DecisionLog decisionLog) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return new DecisionService(
                new FeatureDeriver(ThinFileDefinition.DEFAULT, clock),
                ensemble,
                rules,
                decisionLog,
                clock,
                UUID::randomUUID);
    }

    private static Submission submission(Application app, String fingerprint) {
        return new Submission(app, MONITORING, fingerprint);
    }

    @Test
    void monitoringFieldsNeverReachModelsOrRules() {
        service(log).decide(submission(steadyEmployedRenter("a-1"), "f1"));

        assertThat(modelInputs)
                .singleElement()
                .satisfies(input -> assertThat(input.values().toString())
                        .doesNotContain("female-marker-7f3")
                        .doesNotContain("marker-9c1"));
        assertThat(ruleFacts)
                .isNotEmpty()
                .allSatisfy(fact -> assertThat(fact.toString())
                        .doesNotContain("female-marker-7f3")
                        .doesNotContain("marker-9c1"));
        assertThat(stored.get("a-1").submission().monitoring()).isEqualTo(MONITORING);
    }

    @Test
    void theSameSubmissionTwiceIsDecidedOnce() {
        DecisionService service = service(log);

        var first = service.decide(submission(steadyEmployedRenter("a-2"), "same"));
        var second = service.decide(submission(steadyEmployedRenter("a-2"), "same"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.stored().decision().id())
                .isEqualTo(first.stored().decision().id());
        assertThat(modelInputs).hasSize(1);
    }

    @Test
    void aDifferentBodyUnderADecidedApplicationIdIsAConflict() {
        DecisionService service = service(log);
        var first = service.decide(submission(steadyEmployedRenter("a-3"), "one"));

        assertThatThrownBy(() -> service.decide(submission(steadyEmployedRenter("a-3"), "two")))
                .isInstanceOf(ApplicationConflictException.class)
                .satisfies(e -> assertThat(((ApplicationConflictException) e).existingDecisionId())
                        .isEqualTo(first.stored().decision().id()));
    }

    @Test
    void aDecisionThatCannotBeStoredIsNotGiven() {
        DecisionLog broken = new DecisionLog() {
            @Override
            public Optional<StoredDecision> find(UUID id) {
                return Optional.empty();
            }

            @Override
            public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
                return Optional.empty();
            }

            @Override
            public void append(StoredDecision decision) {
                throw new IllegalStateException("storage down");
            }
        };

        assertThatThrownBy(() -> service(broken).decide(submission(steadyEmployedRenter("a-4"), "f")))
                .hasMessage("storage down");
    }

    @Test
    void theDecisionTimeComesFromTheInjectedClock() {
        var result = service(log).decide(submission(steadyEmployedRenter("a-5"), "f"));

        assertThat(result.stored().decision().decidedAt()).isEqualTo(NOW);
        assertThat(result.stored().decision().features().asOf()).isEqualTo(NOW);
    }

    @Test
    void reevaluatingAStoredDecisionUnderItsRulesGivesTheSameDecisionWithoutAskingTheModels() {
        DecisionService service = service(log);
        StoredDecision original =
                service.decide(submission(steadyEmployedRenter("a-6"), "f")).stored();
        modelInputs.clear();

        Decision again = service.reevaluate(original, rules);

        assertThat(again).isEqualTo(original.decision());
        assertThat(modelInputs).isEmpty();
    }

    @Test
    void aReplayDerivesTheFeaturesAgainAsOfTheRecordedInstantWhateverTheClockSaysNow() {
        StoredDecision original = service(log)
                .decide(submission(steadyEmployedRenter("a-7"), "f"))
                .stored();
        Clock later = Clock.fixed(NOW.plusSeconds(86_400), ZoneOffset.UTC);
        DecisionService tomorrow = new DecisionService(
                new FeatureDeriver(ThinFileDefinition.DEFAULT, later), ensemble, rules, log, later, UUID::randomUUID);
        modelInputs.clear();

        Decision replayed = tomorrow.replay(original, rules);

        assertThat(replayed).isEqualTo(original.decision());
        assertThat(modelInputs).isEmpty();
    }
}
