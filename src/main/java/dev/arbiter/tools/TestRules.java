package dev.arbiter.tools;

import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.rules.CompileError;
import dev.arbiter.rules.GoldenCaseResult;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCheck;
import dev.arbiter.rules.RulesetCompilationException;
import dev.arbiter.rules.RulesetTestReport;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks a ruleset folder offline, as the server would on upload: compiles it, reads its
 * golden cases and runs them. Exit code 0 when everything passes, 1 when a case fails, 2 when
 * the ruleset does not compile or the folder cannot be read.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.TestRules -Dexec.args=rules</pre>
 */
public final class TestRules {

    private TestRules() {}

    public static void main(String[] args) {
        int status = run(args.length == 0 ? "rules" : args[0], System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String folderName, PrintStream out) {
        Path folder = Path.of(folderName);
        if (!Files.isDirectory(folder)) {
            out.println("no ruleset folder " + folder.toAbsolutePath());
            return 2;
        }
        Ruleset ruleset = Ruleset.loadWithCases(folder);
        RulesetCheck check = new RulesetCheck(ThinFileDefinition.DEFAULT);
        RulesetCheck.Checked checked;
        try {
            checked = check.check(ruleset);
        } catch (RulesetCompilationException e) {
            out.println("ruleset " + folder + " (version " + ruleset.version() + ") does not compile: "
                    + e.errors().size() + " error(s)");
            for (CompileError error : e.errors()) {
                out.println("  " + error);
            }
            return 2;
        }
        RulesetTestReport report = check.test(checked);
        out.println("ruleset " + folder + " version " + ruleset.version() + ": "
                + checked.compiled().rules().size() + " rules, "
                + report.results().size() + " golden cases");
        for (GoldenCaseResult result : report.results()) {
            out.printf(
                    "  %s  %-45s %s %s%n",
                    result.passed() ? "PASS" : "FAIL",
                    result.goldenCase().file(),
                    result.decision().outcome(),
                    result.reasonCodes());
            result.mismatches().forEach(m -> out.println("        " + m));
        }
        out.println(
                report.passed()
                        ? "all " + report.results().size() + " cases pass"
                        : report.failures() + " of " + report.results().size() + " cases fail");
        return report.passed() ? 0 : 1;
    }
}
