package dev.arbiter.decision;

/**
 * One rule that fired, in firing order, with its metadata and what it did.
 *
 * @param ruleCode   the rule's stable code, e.g. {@code KO-01}
 * @param reasonCode the reason code the rule produces, or null when it produces none
 * @param effect     what the rule did to the verdict, e.g. {@code DENY}, {@code LIMIT 5000.00}
 */
public record FiredRule(int order, String name, String ruleCode, String reasonCode, String effect) {
}
