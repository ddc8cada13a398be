package dev.arbiter.decision;

/** What a lender observed about an approved credit. Only GOOD counts as repaid as agreed. */
public enum RepaymentStatus {
    GOOD,
    DELINQUENT,
    DEFAULT
}
