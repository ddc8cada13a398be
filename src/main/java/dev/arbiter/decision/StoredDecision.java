package dev.arbiter.decision;

/** A decision together with the submission it was made from, as the decision log keeps it. */
public record StoredDecision(Decision decision, Submission submission) {}
