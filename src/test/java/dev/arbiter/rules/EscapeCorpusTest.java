package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.arbiter.decision.ThinFileDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieSession;

/**
 * Every file under {@code src/test/resources/escapes} tries to run code on the server: each
 * payload creates a marker file. Each must be refused at compile with the offending line named
 * (DRL files mark it with {@code // REFUSED}; tables name their row below) and its marker must
 * never appear, neither after the refusal nor after the shipped golden cases ran. A control
 * shows the same payloads do write their marker when Drools compiles them unchecked.
 */
class EscapeCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/escapes");
    private static final Ruleset SHIPPED = Ruleset.loadWithCases(Path.of("rules"));
    private static final RulesetCheck CHECK = new RulesetCheck(ThinFileDefinition.DEFAULT);
    /** The row (1-based) of the cell each table's offence comes from. */
    private static final Map<String, Integer> TABLE_ROWS = Map.of(
            "table-action-cell.csv", 7,
            "table-condition-cell.csv", 7,
            "table-value-breaks-out-of-string.csv", 9,
            "table-functions-row.csv", 3);

    @TempDir
    static Path markers;

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHoldsAtLeastThirtyAttempts() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
        assertThat(TABLE_ROWS.keySet())
                .allSatisfy(table -> assertThat(CORPUS.resolve(table)).exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyEscapeIsRefusedAtItsLineAndNeverRuns(String name) throws IOException {
        Path marker = markers.resolve("marker-" + name);
        String text = payload(name, marker);
        String path = name.endsWith(".csv") ? "tables/" + name : name;

        RulesetCompilationException refused = catchThrowableOfType(
                RulesetCompilationException.class,
                () -> CHECK.check(SHIPPED.with(path, text.getBytes(StandardCharsets.UTF_8))));

        assertThat(refused).as("%s was accepted", name).isNotNull();
        assertThat(refused.errors())
                .as("errors outside the hostile file")
                .allSatisfy(e -> assertThat(e.file()).isEqualTo(path));
        List<Integer> lines = refused.errors().stream().map(CompileError::line).toList();
        assertThat(lines).as(refused.getMessage()).containsAll(expectedLines(name, text));
        assertThat(refused.errors()).allSatisfy(e -> {
            assertThat(e.column()).isPositive();
            assertThat(e.message()).isNotBlank();
        });
        assertThat(marker).doesNotExist();
    }

    @Test
    void anXlsxTableWithAHostileActionCellIsRefusedAtThatRow() throws IOException {
        Path marker = markers.resolve("marker-xlsx");
        byte[] xlsx = xlsx(payload("table-action-cell.csv", marker));

        RulesetCompilationException refused = catchThrowableOfType(
                RulesetCompilationException.class, () -> CHECK.check(SHIPPED.with("tables/pwn.xlsx", xlsx)));

        assertThat(refused.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.file()).isEqualTo("tables/pwn.xlsx");
            assertThat(e.line()).isEqualTo(9);
        });
        assertThat(marker).doesNotExist();
    }

    /** Without the check, compiling alone runs an annotation's value and firing runs the consequence. */
    @Test
    void theSamePayloadsWriteTheirMarkerWhenDroolsCompilesThemUnchecked() throws IOException {
        Path atCompile = markers.resolve("control-compile");
        Path atFire = markers.resolve("control-fire");

        compileAndFire(payload("annotation-value-runs-at-compile-time.drl", atCompile), false);
        compileAndFire(payload("consequence-files-write.drl", atFire), true);

        assertThat(atCompile).exists();
        assertThat(atFire).exists();
        Files.delete(atCompile);
        Files.delete(atFire);
    }

    @AfterAll
    static void noMarkerAppearsWhenTheShippedCasesRun() throws IOException {
        RulesetTestReport report = CHECK.test(CHECK.check(SHIPPED));

        assertThat(report.passed()).isTrue();
        try (Stream<Path> left = Files.list(markers)) {
            assertThat(left.toList()).as("markers written by escape attempts").isEmpty();
        }
    }

    private static String payload(String name, Path marker) throws IOException {
        return Files.readString(CORPUS.resolve(name))
                .replace("MARKER_PATH", marker.toAbsolutePath().toString());
    }

    private static List<Integer> expectedLines(String name, String text) {
        if (TABLE_ROWS.containsKey(name)) {
            return List.of(TABLE_ROWS.get(name));
        }
        List<Integer> lines = new ArrayList<>();
        List<String> all = text.lines().toList();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).contains("// REFUSED")) {
                lines.add(i + 1);
            }
        }
        assertThat(lines).as("%s marks no line // REFUSED", name).isNotEmpty();
        return lines;
    }

    private static byte[] xlsx(String csv) throws IOException {
        try (var workbook = new XSSFWorkbook();
                var bytes = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Escape");
            var rows = DecisionTables.Csv.parse(csv);
            for (int r = 0; r < rows.size(); r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    if (!rows.get(r).get(c).isEmpty()) {
                        row.createCell(c).setCellValue(rows.get(r).get(c));
                    }
                }
            }
            workbook.write(bytes);
            return bytes.toByteArray();
        }
    }

    private static void compileAndFire(String drl, boolean fire) {
        KieServices kie = KieServices.get();
        KieFileSystem fs = kie.newKieFileSystem();
        var releaseId = kie.newReleaseId("dev.arbiter.test", "escape-control", "1.0." + System.nanoTime());
        fs.generateAndWritePomXML(releaseId);
        fs.write("src/main/resources/arbiter/policy/control.drl", drl);
        try {
            var builder = kie.newKieBuilder(fs).buildAll();
            if (!fire) {
                return;
            }
            assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
            KieSession session = kie.newKieContainer(releaseId).newKieSession();
            try {
                session.insert(new VerdictBuilder(null, null));
                session.fireAllRules();
            } finally {
                session.dispose();
            }
        } finally {
            kie.getRepository().removeKieModule(releaseId);
        }
    }
}
