package dev.arbiter.rules;

import dev.arbiter.decision.ThinFileDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that can be said of a version before it serves: it compiles, its golden cases
 * can be read, and what they give. Used alike by the API and the offline runner.
 */
public final class RulesetCheck {

    private final RulesetCompiler compiler = new RulesetCompiler();
    private final ThinFileDefinition thinFile;

    public RulesetCheck(ThinFileDefinition thinFile) {
        this.thinFile = thinFile;
    }

    /** Compiles the version and reads its cases, or throws with every error of both. */
    public Checked check(Ruleset ruleset) {
        List<CompileError> errors = new ArrayList<>();
        List<GoldenCase> cases = new ArrayList<>();
        String prefix = Ruleset.CASES_FOLDER + "/";
        for (String path : ruleset.paths()) {
            if (path.startsWith(prefix) && path.endsWith(".json")) {
                try {
                    cases.add(GoldenCases.read(path.substring(prefix.length()), ruleset.content(path)));
                } catch (IllegalArgumentException e) {
                    errors.add(new CompileError(path, 0, 0, e.getMessage()));
                }
            }
        }
        CompiledRuleset compiled = null;
        try {
            compiled = compiler.compile(ruleset);
        } catch (RulesetCompilationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new RulesetCompilationException(ruleset.version(), errors);
        }
        return new Checked(compiled, cases);
    }

    public RulesetTestReport test(Checked checked) {
        GoldenCases runner = new GoldenCases(new DroolsRuleEvaluator(checked.compiled()), thinFile);
        return new RulesetTestReport(checked.compiled().version(), runner.runAll(checked.cases()));
    }

    public record Checked(CompiledRuleset compiled, List<GoldenCase> cases) {}
}
