package dev.arbiter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRulesTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void theShippedFolderPassesEveryCase() throws java.io.IOException {
        long cases;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("rules/cases"))) {
            cases = files.filter(f -> f.toString().endsWith(".json")).count();
        }

        assertThat(TestRules.run("rules", out)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("all " + cases + " cases pass");
    }

    @Test
    void aFolderWhoseCaseFailsExitsWithOneAndNamesTheCase(@TempDir Path copy) throws Exception {
        copyShipped(copy);
        Path parameters = copy.resolve("parameters.json");
        Files.writeString(parameters, Files.readString(parameters).replace("\"minAge\": 18", "\"minAge\": 40"));

        assertThat(TestRules.run(copy.toString(), out)).isEqualTo(1);
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("FAIL  approve-band-a.json", "outcome: expected APPROVE");
    }

    @Test
    void aFolderThatDoesNotCompileExitsWithTwoAndListsTheErrors(@TempDir Path copy) throws Exception {
        copyShipped(copy);
        Path knockouts = copy.resolve("knockouts.drl");
        Files.writeString(
                knockouts, Files.readString(knockouts).replace("knockOut(\"R-UNDERAGE\")", "knockOut(\"R-NOPE\")"));

        assertThat(TestRules.run(copy.toString(), out)).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("knockouts.drl:25:", "R-NOPE");
    }

    @Test
    void aFolderWithRulesOutsideTheRuleLanguageIsRefusedWithoutRunningThem(@TempDir Path copy, @TempDir Path markers)
            throws Exception {
        copyShipped(copy);
        Path marker = markers.resolve("PWNED.txt");
        Files.writeString(copy.resolve("pwned.drl"), """
                package arbiter.policy;
                import dev.arbiter.rules.VerdictBuilder;

                rule "XX-01 write a file"
                    @ruleCode("XX-01")
                when
                    $v : VerdictBuilder()
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "user.name=" + System.getProperty("user.name"));
                end
                """.formatted(marker));

        assertThat(TestRules.run(copy.toString(), out)).isEqualTo(2);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("does not compile", "pwned.drl:9:5:", "verdict");
        assertThat(marker).doesNotExist();
    }

    private static void copyShipped(Path target) throws Exception {
        Path shipped = Path.of("rules");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path to = target.resolve(shipped.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
    }
}
