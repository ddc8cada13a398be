package dev.arbiter.audit;

import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data a lender needs for an adverse-action notice (ECOA / Regulation B, FCRA 615) and,
 * for any decision, a plain-language explanation of its main elements (GDPR art. 22, EU AI
 * Act art. 86, PIPL art. 24).
 *
 * @param adverseAction    true for a denial or a counteroffer
 * @param actionTaken      DENIED, COUNTEROFFER, or null when the action is not adverse
 * @param principalReasons up to four, most important first, in consumer wording
 * @param score            the credit score the decision used, or null when none was usable
 * @param counteroffer     requested versus offered terms, for a counteroffer only
 * @param explanation      sentences in plain language, in reading order
 */
public record AdverseActionNotice(
        UUID decisionId,
        String applicationId,
        Instant decidedAt,
        Outcome automatedOutcome,
        Outcome finalOutcome,
        boolean adverseAction,
        String actionTaken,
        List<Reason> principalReasons,
        ScoreDisclosure score,
        List<DataSource> dataSources,
        TermsComparison counteroffer,
        List<String> explanation) {

    /**
     * @param kind       what the value is (a probability of default for the primary model)
     * @param rangeLow   lowest possible value
     * @param rangeHigh  highest possible value
     * @param keyFactors the inputs that raised the risk most, largest first (at most four)
     * @param bureauScore the credit bureau's own score where the file had one, with its range
     */
    public record ScoreDisclosure(
            String modelId,
            String modelVersion,
            String kind,
            double value,
            double rangeLow,
            double rangeHigh,
            String direction,
            List<KeyFactor> keyFactors,
            Integer bureauScore,
            String bureauScoreRange) {}

    public record KeyFactor(String reasonCode, String text, String input, String value) {}

    /** A source of data the decision consulted: the application, a bureau file, alternative data, a model. */
    public record DataSource(String kind, String description) {}

    public record TermsComparison(
            BigDecimal requestedAmount,
            int requestedTermMonths,
            BigDecimal offeredAmount,
            int offeredTermMonths,
            BigDecimal offeredApr,
            String currency) {}

    /** A person's review whose outcome replaces the automated one. */
    public record FinalReview(Outcome outcome, List<Reason> reasons, Instant reviewedAt) {}
}
