package dev.arbiter.decision;

/** The part a model plays in the ensemble. */
public enum ModelRole {
    PRIMARY,
    FRAUD,
    SECOND_OPINION
}
