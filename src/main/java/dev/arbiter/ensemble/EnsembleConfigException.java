package dev.arbiter.ensemble;

import java.util.List;

/** {@code engine/ensemble.yaml} is unusable; carries every problem found, not just the first. */
public final class EnsembleConfigException extends RuntimeException {

    private final List<String> problems;

    EnsembleConfigException(String source, List<String> problems) {
        super(source + ": " + problems.size() + " problem(s) in the ensemble configuration:\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
