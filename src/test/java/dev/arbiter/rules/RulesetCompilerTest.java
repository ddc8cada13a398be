package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesetCompilerTest {

    private static final Ruleset SHIPPED = Ruleset.load(Path.of("rules"));
    private final RulesetCompiler compiler = new RulesetCompiler();

    @Test
    void theShippedRulesetCompiles() {
        CompiledRuleset compiled = compiler.compile(SHIPPED);

        assertThat(compiled.version()).isEqualTo(SHIPPED.version()).hasSize(64);
        assertThat(compiled.kieBase().getKiePackage("arbiter.policy").getRules())
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyErrorOfEveryBrokenFileIsReportedWithFileAndLine() {
        Ruleset broken = SHIPPED.with("broken-syntax.drl", utf8("""
                        package arbiter.policy;

                        rule "ZZ-01 unfinished"
                            @ruleCode("ZZ-01")
                        when
                            Features(
                        then
                        end
                        """)).with("broken-types.drl", utf8("""
                        package arbiter.policy;
                        import dev.arbiter.rules.VerdictBuilder;

                        rule "ZZ-02 unknown property"
                            @ruleCode("ZZ-02")
                        when
                            $v : VerdictBuilder( noSuchProperty > 1 )
                        then
                        end
                        """));

        RulesetCompilationException failure =
                catchThrowableOfType(RulesetCompilationException.class, () -> compiler.compile(broken));

        assertThat(failure.rulesetVersion()).isEqualTo(broken.version());
        assertThat(failure.errors())
                .extracting(CompileError::file)
                .contains("broken-syntax.drl", "broken-types.drl")
                .doesNotContain("knockouts.drl", "pricing.drl");
        assertThat(failure.errors())
                .allSatisfy(error -> assertThat(error.line()).isPositive());
        assertThat(failure.errors())
                .filteredOn(e -> e.file().equals("broken-types.drl"))
                .anySatisfy(error -> assertThat(error.line()).isEqualTo(7));
    }

    @Test
    void aSyntaxErrorCarriesTheColumnDroolsPutInItsMessage() {
        Ruleset broken = SHIPPED.with("broken.drl", utf8("""
                package arbiter.policy;
                rule "ZZ-01 unclosed pattern"
                when
                    Features(
                then end
                """));

        List<CompileError> errors = catchThrowableOfType(
                        RulesetCompilationException.class, () -> compiler.compile(broken))
                .errors();

        assertThat(errors).anySatisfy(error -> {
            assertThat(error.file()).isEqualTo("broken.drl");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.column()).isEqualTo(6);
        });
    }

    @Test
    void anUnknownReasonCodeIsRefusedNamingTheRule() {
        Ruleset unknown = SHIPPED.with("extra.drl", utf8("""
                package arbiter.policy;
                import dev.arbiter.rules.VerdictBuilder;

                rule "XX-01 made-up reason"
                    @ruleCode("XX-01") @reasonCode("R-NOT-IN-TABLE")
                when
                    $v : VerdictBuilder()
                then
                    modify($v) { deny("R-NOT-IN-TABLE") }
                end
                """));

        assertThatThrownBy(() -> compiler.compile(unknown))
                .isInstanceOfSatisfying(
                        RulesetCompilationException.class,
                        failure -> assertThat(failure.errors()).isNotEmpty().allSatisfy(error -> {
                            assertThat(error.file()).isEqualTo("extra.drl");
                            assertThat(error.message()).contains("R-NOT-IN-TABLE", "XX-01 made-up reason");
                        }));
    }

    @Test
    void aReasonWordedAsInternalPolicyIsRefusedWithItsLine() {
        String table = new String(SHIPPED.content("reason-codes.csv"), java.nio.charset.StandardCharsets.UTF_8);
        Ruleset vague = SHIPPED.with("reason-codes.csv", utf8(table + "R-POLICY,rule,Internal policy\n"));
        int line = (int) table.lines().count() + 1;

        assertThatThrownBy(() -> compiler.compile(vague))
                .isInstanceOfSatisfying(
                        RulesetCompilationException.class,
                        failure -> assertThat(failure.errors()).anySatisfy(error -> {
                            assertThat(error.file()).isEqualTo("reason-codes.csv");
                            assertThat(error.line()).isEqualTo(line);
                            assertThat(error.message()).contains("R-POLICY");
                        }));
    }

    @Test
    void anUnknownParameterPathIsRefused() {
        Ruleset unknown = SHIPPED.with("extra.drl", utf8("""
                package arbiter.policy;
                import dev.arbiter.decision.Features;
                import dev.arbiter.rules.Parameters;
                import dev.arbiter.rules.VerdictBuilder;

                rule "XX-02 typo in a parameter"
                    @ruleCode("XX-02") @reasonCode("R-DTI")
                when
                    $p : Parameters()
                    $v : VerdictBuilder()
                    Features( debtToIncome > $p.num("affordability.maxDebtToIncom") )
                then
                    modify($v) { deny("R-DTI") }
                end
                """));

        List<CompileError> errors = catchThrowableOfType(
                        RulesetCompilationException.class, () -> compiler.compile(unknown))
                .errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(11);
            assertThat(error.message()).contains("affordability.maxDebtToIncom");
        });
    }

    @Test
    void aRuleWhoseNameDoesNotStartWithItsCodeIsRefused() {
        Ruleset misnamed = SHIPPED.with("extra.drl", utf8("""
                package arbiter.policy;
                rule "misnamed rule"
                    @ruleCode("XX-03")
                when
                then
                end
                """));

        assertThatThrownBy(() -> compiler.compile(misnamed))
                .isInstanceOf(RulesetCompilationException.class)
                .hasMessageContaining("must start with its rule code XX-03");
    }

    @Test
    void theVersionIsTheSameForTheSameFilesAndChangesWithOneByte() {
        Ruleset again = Ruleset.load(Path.of("rules"));
        byte[] parameters = SHIPPED.content("parameters.json");
        parameters[parameters.length - 2] ^= 1;

        assertThat(again.version()).isEqualTo(SHIPPED.version());
        assertThat(SHIPPED.with("parameters.json", parameters).version()).isNotEqualTo(SHIPPED.version());
        assertThat(SHIPPED.with("parameters.json", SHIPPED.content("parameters.json"))
                        .version())
                .isEqualTo(SHIPPED.version());
    }

    @Test
    void theVersionDependsOnPathsNotOnlyOnContent() {
        Ruleset one = Ruleset.of(java.util.Map.of("a.drl", utf8("xy")));
        Ruleset moved = Ruleset.of(java.util.Map.of("b.drl", utf8("xy")));
        Ruleset split = Ruleset.of(java.util.Map.of("a.drl", utf8("x"), "b.drl", utf8("y")));

        assertThat(List.of(one.version(), moved.version(), split.version())).doesNotHaveDuplicates();
    }

    @Test
    void goldenCasesAreNotPartOfTheRuleset() {
        assertThat(SHIPPED.paths())
                .noneMatch(path -> path.startsWith("cases/"))
                .contains("parameters.json", "reason-codes.csv", "knockouts.drl");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
