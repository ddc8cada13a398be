package dev.arbiter.rules;

/**
 * One reason a ruleset did not compile.
 *
 * @param file    the ruleset-relative path, or empty when the error concerns the set as a whole
 * @param line    1-based, or 0 when unknown
 * @param column  1-based, or 0 when Drools did not say
 */
public record CompileError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
