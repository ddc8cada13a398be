package dev.arbiter.decision;

import java.math.BigDecimal;

/** The person applying: only what a credit policy may use, never identifiers or demographics. */
public record Applicant(int age, BigDecimal monthlyIncome, int employmentMonths, Housing housing, int dependents) {}
