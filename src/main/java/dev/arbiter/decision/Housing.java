package dev.arbiter.decision;

public enum Housing {
    OWN,
    RENT,
    MORTGAGE,
    FREE
}
