package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arbiter.decision.TestApplications;
import dev.arbiter.decision.ThinFileDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rulesets as analysts author them: with decision tables and golden cases, checked whole. */
class AuthoredRulesetTest {

    private static final Ruleset SHIPPED = Ruleset.loadWithCases(Path.of("rules"));
    private static final RulesetCheck CHECK = new RulesetCheck(ThinFileDefinition.DEFAULT);

    private static byte[] table() throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/decision-tables/refer-business-purpose.csv"));
    }

    private static Ruleset with(String path, String text) {
        return SHIPPED.with(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCasesOfAnAuthoredVersionCountInItsVersionButNotInWhatItDecides() {
        Ruleset rulesOnly = Ruleset.load(Path.of("rules"));

        assertThat(SHIPPED.version()).isNotEqualTo(rulesOnly.version());
        assertThat(SHIPPED.paths()).contains("cases/deny-under-age.json");
        assertThat(GoldenCases.in(SHIPPED)).hasSameSizeAs(GoldenCases.load(Path.of("rules")));
    }

    @Test
    void aDecisionTableCompilesIntoRulesWithTheirCodes() throws Exception {
        Ruleset withTable = SHIPPED.with("tables/purpose.csv", table());

        CompiledRuleset compiled = CHECK.check(withTable).compiled();

        assertThat(compiled.rules()).extracting(RuleDefinition::ruleCode).contains("DT-01", "KO-01");
        assertThat(compiled.version()).isEqualTo(withTable.version());
    }

    @Test
    void aDecisionTableRuleDecides() throws Exception {
        Ruleset withTable = SHIPPED.with("tables/purpose.csv", table());
        GoldenCase approved = GoldenCases.in(SHIPPED).stream()
                .filter(c -> c.file().equals("approve-band-a.json"))
                .findFirst()
                .orElseThrow();
        var business = new GoldenCase(
                approved.file(),
                approved.name(),
                "",
                withPurpose(approved, "BUSINESS"),
                approved.scores(),
                approved.expected());

        GoldenCaseResult result =
                new GoldenCases(new DroolsRuleEvaluator(CHECK.check(withTable).compiled())).run(business);

        assertThat(result.firedRuleCodes()).contains("DT-01");
        assertThat(result.decision().outcome()).hasToString("REFER");
    }

    @Test
    void anXlsxDecisionTableCompilesLikeItsCsv() throws Exception {
        byte[] xlsx;
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                var bytes = new java.io.ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Purpose");
            var rows = DecisionTables.Csv.parse(new String(table(), StandardCharsets.UTF_8));
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(bytes);
            xlsx = bytes.toByteArray();
        }

        CompiledRuleset compiled =
                CHECK.check(SHIPPED.with("tables/purpose.xlsx", xlsx)).compiled();

        assertThat(compiled.rules()).extracting(RuleDefinition::ruleCode).contains("DT-01");
    }

    @Test
    void anUnknownColumnHeaderIsAnErrorAtItsCell() throws Exception {
        String bad =
                new String(table(), StandardCharsets.UTF_8).replace("NAME,METADATA,CONDITION", "NAME,METADATA,WHEN");

        var failure = catchThrowableOfType(
                RulesetCompilationException.class, () -> CHECK.check(with("tables/purpose.csv", bad)));

        assertThat(failure.errors()).hasSize(1);
        assertThat(failure.errors().get(0)).satisfies(error -> {
            assertThat(error.file()).isEqualTo("tables/purpose.csv");
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.column()).isEqualTo(3);
            assertThat(error.message()).contains("\"WHEN\"", "C5", "CONDITION");
        });
    }

    @Test
    void aMalformedCaseIsReportedWithTheCompileErrors() {
        Ruleset broken = with("cases/broken.json", "{\"name\": \"no application\"}")
                .with(
                        "knockouts.drl",
                        new String(SHIPPED.content("knockouts.drl"), StandardCharsets.UTF_8)
                                .replace("knockOut(\"R-UNDERAGE\")", "knockOut(\"R-NOPE\")")
                                .getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(RulesetCompilationException.class, () -> CHECK.check(broken));

        assertThat(failure.errors())
                .extracting(CompileError::file)
                .containsExactlyInAnyOrder("cases/broken.json", "knockouts.drl");
    }

    @Test
    void aFileThatMakesDroolsThrowIsNamedAndTheOtherFilesAreStillChecked() {
        String risk = new String(SHIPPED.content("risk.drl"), StandardCharsets.UTF_8)
                .replace("modify($v) { denyForFactors", "modify($v) { denyFor Factors");
        String knockouts = new String(SHIPPED.content("knockouts.drl"), StandardCharsets.UTF_8)
                .replaceFirst("\nwhen\n", "\nwhenn\n");
        Ruleset broken = with("risk.drl", risk).with("knockouts.drl", knockouts.getBytes(StandardCharsets.UTF_8));

        var failure = catchThrowableOfType(RulesetCompilationException.class, () -> CHECK.check(broken));

        assertThat(failure.errors()).extracting(CompileError::file).contains("risk.drl", "knockouts.drl");
    }

    @Test
    void theDiffOfTwoVersionsIsByFileWithAUnifiedDiffOfText() {
        Ruleset changed = with(
                        "parameters.json",
                        new String(SHIPPED.content("parameters.json"), StandardCharsets.UTF_8)
                                .replace("\"minAge\": 18", "\"minAge\": 21"))
                .with("tables/x.xlsx", new byte[] {(byte) 0xff, (byte) 0xfe, 0});

        List<RulesetDiff.FileChange> diff = RulesetDiff.between(SHIPPED, changed);

        assertThat(diff).extracting(RulesetDiff.FileChange::path).containsExactly("parameters.json", "tables/x.xlsx");
        assertThat(diff.get(0).change()).isEqualTo(RulesetDiff.Change.CHANGED);
        assertThat(diff.get(0).unifiedDiff()).contains("-    \"minAge\": 18,\n+    \"minAge\": 21,\n");
        assertThat(diff.get(1).change()).isEqualTo(RulesetDiff.Change.ADDED);
        assertThat(diff.get(1).unifiedDiff()).isNull();
    }

    @Test
    void aUnifiedDiffKeepsThreeLinesOfContextAndCountsEachSide() {
        String diff = RulesetDiff.unified(
                "a",
                "b",
                List.of("1", "2", "3", "4", "5", "6", "7", "8"),
                List.of("1", "2", "3", "4", "five", "6", "7", "8", "9"));

        assertThat(diff).isEqualTo("""
                --- a
                +++ b
                @@ -2,7 +2,8 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                +9
                """);
    }

    private static dev.arbiter.decision.Application withPurpose(GoldenCase c, String purpose) {
        return TestApplications.like(c.application()).purpose(purpose).build();
    }
}
