package dev.arbiter.decision;

/** A principal reason: a stable code from the ruleset's reason-code table and its consumer wording. */
public record Reason(String code, String text) {}
