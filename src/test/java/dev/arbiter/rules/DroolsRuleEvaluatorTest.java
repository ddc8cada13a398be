package dev.arbiter.rules;

import static dev.arbiter.decision.TestApplications.overIndebtedApplicant;
import static dev.arbiter.decision.TestApplications.regularApplicant;
import static dev.arbiter.rules.Applications.applicantAged;
import static dev.arbiter.rules.Applications.cleanFraudScreen;
import static dev.arbiter.rules.Applications.factor;
import static dev.arbiter.rules.Applications.primaryRisk;
import static dev.arbiter.rules.Applications.primaryTimedOut;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Effect;
import dev.arbiter.decision.EffectKind;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.RuleVerdict;
import dev.arbiter.decision.ThinFileDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DroolsRuleEvaluatorTest {

    private static final Ruleset SHIPPED = Ruleset.load(Path.of("rules"));
    private static final CompiledRuleset COMPILED = new RulesetCompiler().compile(SHIPPED);
    private static final FeatureDeriver FEATURES = new FeatureDeriver(
            ThinFileDefinition.DEFAULT, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    private final DroolsRuleEvaluator evaluator = new DroolsRuleEvaluator(COMPILED);

    @Test
    void firedRulesAreCapturedInFiringOrderWithTheirMetadataAndEffect() {
        RuleVerdict verdict = evaluate(evaluator, overIndebtedApplicant(), primaryTimedOut(), cleanFraudScreen());

        assertThat(verdict.firedRules())
                .containsExactly(
                        new FiredRule(
                                1,
                                "AF-01 debt-to-income above maximum",
                                "AF-01",
                                "R-DTI",
                                List.of(Effect.deny("R-DTI"))),
                        new FiredRule(
                                2,
                                "RF-02 primary credit assessment unavailable",
                                "RF-02",
                                "R-MODEL-UNAVAILABLE",
                                List.of(new Effect(EffectKind.REFER, "R-MODEL-UNAVAILABLE", null))));
        assertThat(verdict.outcome()).isEqualTo(Outcome.DENY);
        assertThat(verdict.reasons())
                .containsExactly(new Reason("R-DTI", "Excessive obligations in relation to income"));
        assertThat(verdict.rulesetVersion()).isEqualTo(SHIPPED.version());
    }

    @Test
    void aDenialOnRiskGivesTheModelsLargestFactorsWordedFromTheTable() {
        RuleVerdict verdict = evaluate(
                evaluator,
                regularApplicant(),
                primaryRisk(0.7, factor("R-TERM", 0.1), factor("R-CHECKING", 0.8), factor("R-AMOUNT", -0.5)),
                cleanFraudScreen());

        assertThat(verdict.outcome()).isEqualTo(Outcome.DENY);
        assertThat(verdict.reasons())
                .containsExactly(
                        new Reason("R-CHECKING", "Insufficient balance in deposit accounts"),
                        new Reason("R-TERM", "Length of the requested term"));
        assertThat(verdict.firedRules()).singleElement().satisfies(rule -> {
            assertThat(rule.ruleCode()).isEqualTo("RK-01");
            assertThat(rule.reasonCode()).isNull();
            assertThat(rule.effects())
                    .containsExactly(
                            new Effect(EffectKind.DENY, null, null),
                            new Effect(EffectKind.FACTOR_REASON, "R-CHECKING", "primary-credit"),
                            new Effect(EffectKind.FACTOR_REASON, "R-TERM", "primary-credit"));
        });
    }

    @Test
    void anApprovalCarriesTheBandsTerms() {
        RuleVerdict verdict = evaluate(evaluator, regularApplicant(), primaryRisk(0.05), cleanFraudScreen());

        assertThat(verdict.outcome()).isEqualTo(Outcome.APPROVE);
        assertThat(verdict.terms().creditLimit()).isEqualByComparingTo("5000");
        assertThat(verdict.terms().apr()).isEqualByComparingTo("0.0690");
        assertThat(verdict.terms().counteroffer()).isFalse();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void concurrentEvaluationsKeepTheirOwnTraces() throws Exception {
        List<Scenario> scenarios = List.of(
                new Scenario(applicantAged(17), List.of(primaryRisk(0.05), cleanFraudScreen())),
                new Scenario(overIndebtedApplicant(), List.of(primaryTimedOut(), cleanFraudScreen())),
                new Scenario(regularApplicant(), List.of(primaryRisk(0.05), cleanFraudScreen())),
                new Scenario(
                        regularApplicant(), List.of(primaryRisk(0.42, factor("R-SAVINGS", 0.3)), cleanFraudScreen())),
                new Scenario(regularApplicant(), List.of(primaryTimedOut())));
        List<RuleVerdict> alone = scenarios.stream()
                .map(s -> evaluate(evaluator, s.application(), s.scores()))
                .toList();
        assertThat(alone).extracting(RuleVerdict::firedRules).doesNotHaveDuplicates();

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                workers.add(threads.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 2_000; i++) {
                        int which = (i + offset) % scenarios.size();
                        Scenario scenario = scenarios.get(which);
                        RuleVerdict verdict = evaluate(evaluator, scenario.application(), scenario.scores());
                        if (!verdict.equals(alone.get(which))) {
                            wrong.add(which + ": " + verdict);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> worker : workers) {
                assertThat(worker.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void activationSwapsTheVersionForTheNextEvaluation() {
        CompiledRuleset stricter = compileWithMinimumAge(21);
        Application nineteen = applicantAged(19);

        RuleVerdict before = evaluate(evaluator, nineteen, primaryRisk(0.05), cleanFraudScreen());
        evaluator.activate(stricter);
        RuleVerdict after = evaluate(evaluator, nineteen, primaryRisk(0.05), cleanFraudScreen());

        assertThat(before.rulesetVersion()).isEqualTo(COMPILED.version());
        assertThat(before.outcome()).isEqualTo(Outcome.APPROVE);
        assertThat(after.rulesetVersion()).isEqualTo(stricter.version()).isNotEqualTo(COMPILED.version());
        assertThat(after.outcome()).isEqualTo(Outcome.DENY);
        assertThat(evaluator.active()).isSameAs(stricter);
    }

    @Test
    void noEvaluationMixesTwoVersionsWhileActivationsHappen() throws Exception {
        CompiledRuleset stricter = compileWithMinimumAge(21);
        Application nineteen = applicantAged(19);
        List<ModelScore> scores = List.of(primaryRisk(0.05), cleanFraudScreen());
        AtomicBoolean swapping = new AtomicBoolean(true);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Callable<List<String>> evaluateUntilDone = () -> {
                List<String> mixed = new ArrayList<>();
                while (swapping.get()) {
                    RuleVerdict verdict = evaluate(evaluator, nineteen, scores);
                    boolean strict = verdict.rulesetVersion().equals(stricter.version());
                    Outcome expected = strict ? Outcome.DENY : Outcome.APPROVE;
                    if (verdict.outcome() != expected) {
                        mixed.add(verdict.rulesetVersion() + " gave " + verdict.outcome());
                    }
                }
                return mixed;
            };
            Future<List<String>> first = threads.submit(evaluateUntilDone);
            Future<List<String>> second = threads.submit(evaluateUntilDone);
            for (int swap = 0; swap < 40; swap++) {
                evaluator.activate(swap % 2 == 0 ? stricter : COMPILED);
                Thread.sleep(5);
            }
            swapping.set(false);

            assertThat(first.get()).isEmpty();
            assertThat(second.get()).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }

    private record Scenario(Application application, List<ModelScore> scores) {}

    private static CompiledRuleset compileWithMinimumAge(int minAge) {
        String parameters = new String(SHIPPED.content("parameters.json"), StandardCharsets.UTF_8)
                .replace("\"minAge\": 18", "\"minAge\": " + minAge);
        return new RulesetCompiler()
                .compile(SHIPPED.with("parameters.json", parameters.getBytes(StandardCharsets.UTF_8)));
    }

    private static RuleVerdict evaluate(DroolsRuleEvaluator evaluator, Application application, ModelScore... scores) {
        return evaluate(evaluator, application, List.of(scores));
    }

    private static RuleVerdict evaluate(
            DroolsRuleEvaluator evaluator, Application application, List<ModelScore> scores) {
        return evaluator.evaluate(application, FEATURES.derive(application), scores);
    }
}
