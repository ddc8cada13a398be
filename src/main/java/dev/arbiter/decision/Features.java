package dev.arbiter.decision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the core derives from an application before any model or rule sees it.
 *
 * @param monthlyPayment      the requested credit's monthly instalment under {@code derivation}
 *                            (fd-2: the annuity at the product's stress rate; fd-1: amount / term)
 * @param debtToIncome        existing monthly debt plus the new instalment, over monthly income
 * @param paymentToIncome     the new instalment over monthly income
 * @param thinFile            whether the applicant's credit file is too thin to trust a bureau model alone
 * @param thinFileReasons     why, under {@code thinFileDefinition}
 * @param thinFileDefinition  the version of the thin-file definition applied
 * @param creditHistory       the repayment history summarised from the credit file
 * @param netMonthlyCashFlow  alternative-data inflow minus outflow, null when not sent
 * @param asOf                the instant the features were derived at (from the injected clock)
 * @param derivation          the {@link FeatureDerivation} version; absent on decisions recorded
 *                            before versioning, which are read as {@code fd-1}
 */
public record Features(
        BigDecimal monthlyPayment,
        double debtToIncome,
        double paymentToIncome,
        boolean thinFile,
        List<ThinFileDefinition.ThinFileReason> thinFileReasons,
        String thinFileDefinition,
        CreditHistory creditHistory,
        BigDecimal netMonthlyCashFlow,
        Instant asOf,
        String derivation) {

    public Features {
        thinFileReasons = List.copyOf(thinFileReasons);
        derivation = derivation == null ? FeatureDerivation.STRAIGHT_LINE.version() : derivation;
    }
}
