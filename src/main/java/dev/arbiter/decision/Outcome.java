package dev.arbiter.decision;

/** What a decision answers; REFER sends the application to manual review. */
public enum Outcome {
    APPROVE,
    DENY,
    REFER
}
