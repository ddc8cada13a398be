package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule language: what it accepts, so it does not refuse honest rules, and how it reports what it refuses. */
class RuleSandboxTest {

    private static final Ruleset SHIPPED = Ruleset.load(Path.of("rules"));
    private static final String HEAD = """
            package arbiter.policy;

            import dev.arbiter.decision.Application;
            import dev.arbiter.decision.Features;
            import dev.arbiter.decision.ModelRole;
            import dev.arbiter.decision.ModelScore;
            import dev.arbiter.decision.ModelStatus;
            import dev.arbiter.decision.Applicant;
            import dev.arbiter.rules.Parameters;
            import dev.arbiter.rules.VerdictBuilder;
            import java.math.BigDecimal;

            """;

    @Test
    void everyShippedFileIsInTheRuleLanguage() {
        for (String path : SHIPPED.paths()) {
            if (path.endsWith(".drl")) {
                assertThat(RuleSandbox.check(path, new String(SHIPPED.content(path), StandardCharsets.UTF_8)))
                        .as(path)
                        .isEmpty();
            }
        }
    }

    @Test
    void theFormsAnalystsNeedAreAccepted() {
        String drl = HEAD + """
                rule "OK-01 every allowed form"
                    @ruleCode("OK-01") @reasonCode("R-DTI")
                    salience -5
                    activation-group "ok"
                    no-loop true
                    dialect "java"
                when
                    $p : Parameters()
                    $v : VerdictBuilder( open || knockedOut == false, !counteroffer )
                    $app : Application( requestedAmount > 1000, termMonths * 2 >= 12 && purpose != null,
                                        purpose in ("CAR", "HOME"), applicant.monthlyIncome < $p.num("x") )
                    Applicant( $age : age, age >= 18 ) from $app.applicant
                    $s : ModelScore( role == ModelRole.PRIMARY, status != ModelStatus.OK, this != null,
                                     risk >= ($p.num("a") + $p.num("b")) / 2, $r : risk )
                    not ModelScore( role == ModelRole.FRAUD )
                    exists Features( thinFile == true )
                    accumulate( ModelScore( $risk : risk ); $highest : max( $risk ); $highest > 0.5 )
                    eval( $age > 21 ? $r > 0.1 : $r > 0.2 )
                then
                    modify($v) { denyForFactors($s, $p.count("reasons.maxFromFactors")), deny("R-DTI") }
                    $v.reason("R-DTI");
                    modify($v) { approveReduced($p.band("C"), $p.amount("m"), "R-THIN-FILE", "R-INCOME-AMOUNT") }
                end
                """;

        assertThat(RuleSandbox.check("ok.drl", drl)).isEmpty();
    }

    @Test
    void everyOffenceOfAFileIsReportedWithItsLineColumnAndWhatIsAllowed() {
        String drl = HEAD + """
                rule "XX-01 three offences"
                    @ruleCode("XX-01")
                when
                    $v : VerdictBuilder( java.lang.System.getenv("HOME") != null )
                then
                    modify($v) { deny(new String("R-DTI")) }
                    $v.getClass();
                end
                """;
        int when = (int) HEAD.lines().count() + 4;

        List<CompileError> errors = RuleSandbox.check("hostile.drl", drl);

        assertThat(errors).extracting(CompileError::line).containsExactly(when, when + 2, when + 3);
        assertThat(errors.get(0).column()).isEqualTo(26);
        assertThat(errors.get(0).message()).contains("\"java\"", "static access", "allowed:");
        assertThat(errors.get(1).column()).isEqualTo(23);
        assertThat(errors.get(1).message()).contains("\"new\"");
        assertThat(errors.get(2).message()).contains("getClass", "verdict calls:", "deny", "refer");
    }

    @Test
    void aVerdictMethodIsNotAnAccessorAndAnAccessorIsNotAVerdict() {
        String drl = HEAD + """
                rule "XX-02 verdicts only in consequences"
                    @ruleCode("XX-02")
                when
                    $v : VerdictBuilder( this.deny("R-DTI") == null )
                then
                    modify($v) { isOpen() }
                end
                """;

        List<CompileError> errors = RuleSandbox.check("mixed.drl", drl);

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).message()).contains("verdict methods belong in the consequence");
        assertThat(errors.get(1).message()).contains("\"isOpen\" is not a verdict method");
    }

    /** Behind the parsers: text a parser might skip is still refused, word by word. */
    @Test
    void aWordOutsideTheLanguageIsRefusedEvenWhereNoParserLooked() {
        List<String> messages = new java.util.ArrayList<>();
        RuleExpressions.Offences offences = new RuleExpressions.Offences() {
            @Override
            public void add(int offset, String message) {
                messages.add(offset + " " + message);
            }

            @Override
            public int count() {
                return messages.size();
            }
        };
        var scope = new RuleExpressions.Scope(java.util.Map.of("$p", "Parameters"), true);

        RuleExpressions.vocabulary(
                "risk > $p.num(\"x\") in (1) not", 0, scope, java.util.Set.of("in", "not"), offences);
        RuleExpressions.vocabulary("risk > 1 java.lang.System.exit(0)", 100, scope, java.util.Set.of(), offences);
        RuleExpressions.vocabulary("risk > 1 || new Object() != null", 200, scope, java.util.Set.of(), offences);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).startsWith("109 \"java\" is not in the rule language");
        assertThat(messages.get(1)).startsWith("212 \"new\" is not in the rule language");
    }

    @Test
    void theAllowListIsDerivedFromTheFactTypes() {
        assertThat(RuleLanguage.VERDICT_METHODS)
                .contains("deny", "refer", "knockOut", "approve", "approveReduced", "reason")
                .doesNotContain("drainEffects", "isOpen", "getClass", "wait");
        assertThat(RuleLanguage.READ_METHODS)
                .contains("num", "band", "limitFor", "monthlyIncome", "isOpen", "risk")
                .doesNotContain("getClass", "notify", "wait", "hashCode", "deny", "parse");
        assertThat(RuleLanguage.PROPERTIES)
                .contains("open", "knockedOut", "applicant", "monthlyIncome", "thinFile")
                .doesNotContain("class");
        assertThat(RuleLanguage.TYPES)
                .containsKeys(
                        "Application",
                        "Applicant",
                        "CreditFile",
                        "ModelRole",
                        "ModelStatus",
                        "Product",
                        "RiskBand",
                        "BigDecimal",
                        "String");
    }
}
