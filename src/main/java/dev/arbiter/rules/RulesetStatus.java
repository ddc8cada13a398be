package dev.arbiter.rules;

/**
 * Where a version is in its life: uploaded ({@code DRAFT}), approved by a second person
 * ({@code APPROVED}), serving ({@code ACTIVE}, one at a time), or replaced by another
 * ({@code RETIRED}, still approved, so activating it again is a rollback).
 */
public enum RulesetStatus {
    DRAFT,
    APPROVED,
    ACTIVE,
    RETIRED;

    boolean approved() {
        return this != DRAFT;
    }
}
