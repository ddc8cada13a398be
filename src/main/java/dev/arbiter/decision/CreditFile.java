package dev.arbiter.decision;

import java.math.BigDecimal;

/**
 * What a credit bureau knows of the applicant. An application without one is a no-file
 * applicant; {@code bureauScore} is null when the bureau returned no score.
 */
public record CreditFile(
        int historyMonths,
        int openTradelines,
        int delinquencies,
        int derogatoryMarks,
        int inquiriesLast6Months,
        BigDecimal monthlyDebtPayments,
        Integer bureauScore) {}
