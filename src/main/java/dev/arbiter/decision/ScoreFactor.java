package dev.arbiter.decision;

/**
 * One input that pushed a model's risk up, with the reason code it maps to.
 *
 * @param reasonCode   code in the ruleset's reason-code table
 * @param input        the model input it came from, e.g. {@code termMonths}
 * @param value        that input's value as the model saw it (or "missing")
 * @param contribution how much it raised the risk, in the model's own units (log-odds for a scorecard)
 */
public record ScoreFactor(String reasonCode, String input, String value, double contribution) {}
