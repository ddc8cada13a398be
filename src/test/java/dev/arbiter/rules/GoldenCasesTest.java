package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every golden case stored beside the shipped ruleset in {@code rules/}. */
class GoldenCasesTest {

    private static final Path SHIPPED = Path.of("rules");
    private static final GoldenCases RUNNER =
            new GoldenCases(new DroolsRuleEvaluator(new RulesetCompiler().compile(Ruleset.load(SHIPPED))));

    static List<GoldenCase> shippedCases() {
        return GoldenCases.load(SHIPPED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedCases")
    void theShippedRulesetDecidesTheCaseAsExpected(GoldenCase goldenCase) {
        GoldenCaseResult result = RUNNER.run(goldenCase);

        assertThat(result.mismatches())
                .as("%s (%s)", goldenCase.file(), goldenCase.description())
                .isEmpty();
    }

    @Test
    void everyShippedRuleIsExercisedByAtLeastOneCase() {
        List<String> ruleCodes = new RulesetCompiler()
                .compile(Ruleset.load(SHIPPED)).kieBase().getKiePackages().stream()
                        .flatMap(pkg -> pkg.getRules().stream())
                        .map(rule -> rule.getMetaData()
                                .get(RulesetCompiler.RULE_CODE)
                                .toString())
                        .toList();
        var fired = RUNNER.runAll(shippedCases()).stream()
                .flatMap(result -> result.firedRuleCodes().stream())
                .collect(Collectors.toSet());

        assertThat(fired).containsAll(ruleCodes);
    }

    @Test
    void theSameCaseGivesTheSameDecisionTwice() {
        GoldenCase any = shippedCases().get(0);

        assertThat(RUNNER.run(any).decision()).isEqualTo(RUNNER.run(any).decision());
    }
}
