package dev.arbiter.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A ruleset that did not compile, with every error found; nothing of it was activated. */
public final class RulesetCompilationException extends RuntimeException {

    private final String rulesetVersion;
    private final List<CompileError> errors;

    public RulesetCompilationException(String rulesetVersion, List<CompileError> errors) {
        super("ruleset " + rulesetVersion + " has " + errors.size() + " error(s):\n"
                + errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")));
        this.rulesetVersion = rulesetVersion;
        this.errors = List.copyOf(errors);
    }

    public String rulesetVersion() {
        return rulesetVersion;
    }

    public List<CompileError> errors() {
        return errors;
    }
}
