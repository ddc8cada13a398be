package dev.arbiter.recording;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Intervention;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.Terms;
import dev.arbiter.personaldata.PersonalDataView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A decision as the API answers it: outcome, reasons, terms, and the explanation of how it was reached. */
public record DecisionResponse(
        UUID decisionId,
        String applicationId,
        Outcome outcome,
        List<Reason> reasons,
        TermsView terms,
        String rulesetVersion,
        String ensembleVersion,
        Instant decidedAt,
        List<ScoreView> scores,
        Explanation explanation,
        Outcome finalOutcome,
        ReviewView review,
        HumanReviewView humanReviewRequest,
        @JsonInclude(JsonInclude.Include.NON_NULL) PersonalDataView pii) {

    /** A person's review: its outcome is the decision's final outcome. */
    public record ReviewView(String reviewer, Outcome outcome, List<Reason> reasons, String note, Instant reviewedAt) {}

    record HumanReviewView(String requestedBy, String statement, Instant requestedAt) {}

    /** The same decision with its review and review request; the final outcome is the reviewed one. */
    DecisionResponse withReview(ReviewView review, HumanReviewView request) {
        return new DecisionResponse(
                decisionId,
                applicationId,
                outcome,
                reasons,
                terms,
                rulesetVersion,
                ensembleVersion,
                decidedAt,
                scores,
                explanation,
                review == null ? outcome : review.outcome(),
                review,
                request,
                pii);
    }

    record TermsView(
            BigDecimal creditLimit,
            BigDecimal apr,
            String currency,
            int termMonths,
            BigDecimal requestedAmount,
            boolean counteroffer) {}

    record ScoreView(
            String role,
            String modelId,
            String modelVersion,
            String providerRegion,
            String trigger,
            String status,
            Double risk,
            Double confidence,
            List<ScoreFactor> factors,
            long latencyMillis,
            boolean outOfDomain) {}

    record Explanation(Features features, List<FiredRule> firedRules, List<Intervention> guardrails) {}

    static DecisionResponse of(Decision d) {
        Terms t = d.terms();
        TermsView terms = t == null
                ? null
                : new TermsView(
                        t.creditLimit(), t.apr(), t.currency(), t.termMonths(), t.requestedAmount(), t.counteroffer());
        List<ScoreView> scores = d.scores().stream().map(DecisionResponse::view).toList();
        return new DecisionResponse(
                d.id(),
                d.applicationId(),
                d.outcome(),
                d.reasons(),
                terms,
                d.rulesetVersion(),
                d.ensembleVersion(),
                d.decidedAt(),
                scores,
                new Explanation(d.features(), d.firedRules(), d.guardrails()),
                d.outcome(),
                null,
                null,
                null);
    }

    DecisionResponse withPii(PersonalDataView view) {
        return new DecisionResponse(
                decisionId,
                applicationId,
                outcome,
                reasons,
                terms,
                rulesetVersion,
                ensembleVersion,
                decidedAt,
                scores,
                explanation,
                finalOutcome,
                review,
                humanReviewRequest,
                view);
    }

    private static ScoreView view(ModelScore s) {
        return new ScoreView(
                s.role().name(),
                s.modelId(),
                s.modelVersion(),
                s.providerRegion(),
                s.trigger(),
                s.status().name(),
                s.risk(),
                s.confidence(),
                s.factors(),
                s.latencyMillis(),
                s.outOfDomain());
    }
}
