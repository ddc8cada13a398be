package dev.arbiter.decision;

import java.math.BigDecimal;

/** Cash-flow and payment data that can speak for an applicant with little or no credit file. */
public record AlternativeData(
        BigDecimal monthlyInflow,
        BigDecimal monthlyOutflow,
        Integer accountAgeMonths,
        Integer overdraftsLast12Months,
        Double onTimeRentRatio,
        Double onTimeUtilityRatio) {}
