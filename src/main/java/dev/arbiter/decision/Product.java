package dev.arbiter.decision;

/** The credit products Arbiter decides on. */
public enum Product {
    PERSONAL_LOAN,
    CREDIT_CARD,
    MICRO_LOAN,
    MORTGAGE
}
