package dev.arbiter.audit;

import dev.arbiter.audit.AdverseActionNotice.DataSource;
import dev.arbiter.audit.AdverseActionNotice.FinalReview;
import dev.arbiter.audit.AdverseActionNotice.KeyFactor;
import dev.arbiter.audit.AdverseActionNotice.ScoreDisclosure;
import dev.arbiter.audit.AdverseActionNotice.TermsComparison;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Terms;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Builds the adverse-action data and plain-language explanation of a stored decision. */
public final class AdverseActionNotices {

    private static final int MAX_REASONS = 4;
    /** The range the decision API accepts for a bureau score. */
    private static final String BUREAU_RANGE = "300-900";

    private final Function<String, Optional<String>> wording;

    /** @param wording consumer wording of a reason code */
    public AdverseActionNotices(Function<String, Optional<String>> wording) {
        this.wording = wording;
    }

    /** @param review the person's review, when there was one: its outcome and reasons are final */
    public AdverseActionNotice of(StoredDecision stored, FinalReview review) {
        Decision d = stored.decision();
        Application app = stored.submission().application();
        Outcome last = review == null ? d.outcome() : review.outcome();
        List<Reason> reasons = review == null || review.reasons().isEmpty() ? d.reasons() : review.reasons();
        boolean counteroffer =
                last == Outcome.APPROVE && d.terms() != null && d.terms().counteroffer();
        boolean adverse = last == Outcome.DENY || counteroffer;
        ScoreDisclosure score = score(d, app).orElse(null);
        TermsComparison terms = counteroffer ? compare(d.terms(), app) : null;
        List<Reason> principal = adverse ? reasons.stream().limit(MAX_REASONS).toList() : List.of();
        return new AdverseActionNotice(
                d.id(),
                d.applicationId(),
                d.decidedAt(),
                d.outcome(),
                last,
                adverse,
                last == Outcome.DENY ? "DENIED" : counteroffer ? "COUNTEROFFER" : null,
                principal,
                score,
                sources(d, app),
                terms,
                explain(d, app, last, principal, score, terms, review));
    }

    private Optional<ScoreDisclosure> score(Decision d, Application app) {
        return d.scores().stream()
                .filter(s -> s.role() == ModelRole.PRIMARY && s.ok() && s.risk() != null)
                .findFirst()
                .map(s -> new ScoreDisclosure(
                        s.modelId(),
                        s.modelVersion(),
                        "probability of default",
                        round(s.risk()),
                        0.0,
                        1.0,
                        "lower is better",
                        factors(s),
                        app == null || app.creditFile() == null
                                ? null
                                : app.creditFile().bureauScore(),
                        app == null
                                        || app.creditFile() == null
                                        || app.creditFile().bureauScore() == null
                                ? null
                                : BUREAU_RANGE));
    }

    private List<KeyFactor> factors(ModelScore s) {
        return s.factors().stream()
                .limit(MAX_REASONS)
                .map(f -> new KeyFactor(
                        f.reasonCode(), wording.apply(f.reasonCode()).orElse(f.reasonCode()), f.input(), f.value()))
                .toList();
    }

    private static List<DataSource> sources(Decision d, Application app) {
        List<DataSource> sources = new ArrayList<>();
        sources.add(new DataSource(
                "APPLICATION",
                app == null
                        ? "the information given in the application (since removed at the end of its retention period)"
                        : "the information given in the application"));
        if (app != null) {
            if (app.creditFile() != null) {
                sources.add(new DataSource("CREDIT_BUREAU", "a consumer credit report from a credit bureau"));
            }
            if (app.alternativeData() != null) {
                sources.add(
                        new DataSource("ALTERNATIVE_DATA", "account cash-flow and rent and utility payment records"));
            }
        }
        for (ModelScore s : d.scores()) {
            sources.add(new DataSource(
                    "MODEL",
                    s.role().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " model "
                            + s.modelId() + " version " + s.modelVersion() + " ("
                            + s.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
        }
        return sources;
    }

    private static TermsComparison compare(Terms t, Application app) {
        int requestedTerm = app == null ? t.termMonths() : app.termMonths();
        return new TermsComparison(
                t.requestedAmount(), requestedTerm, t.creditLimit(), t.termMonths(), t.apr(), t.currency());
    }

    private static List<String> explain(
            Decision d,
            Application app,
            Outcome last,
            List<Reason> principal,
            ScoreDisclosure score,
            TermsComparison terms,
            FinalReview review) {
        List<String> lines = new ArrayList<>();
        if (app != null) {
            lines.add("You applied for a "
                    + app.product().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " of "
                    + app.requestedAmount().setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + app.currency()
                    + " over " + app.termMonths() + " months.");
        }
        lines.add(
                switch (d.outcome()) {
                    case APPROVE ->
                        terms == null
                                ? "The application was approved."
                                : "The application was approved for less "
                                        + "than was asked: "
                                        + terms.offeredAmount()
                                                .setScale(2, RoundingMode.HALF_UP)
                                                .toPlainString() + " "
                                        + terms.currency() + " instead of "
                                        + terms.requestedAmount()
                                                .setScale(2, RoundingMode.HALF_UP)
                                                .toPlainString() + ".";
                    case DENY -> "The application was declined.";
                    case REFER -> "The application was passed to a person to review rather than decided automatically.";
                });
        if (review != null) {
            lines.add("A person reviewed the application and the final decision is: "
                    + (review.outcome() == Outcome.APPROVE ? "approved." : "declined."));
        }
        if (!principal.isEmpty()) {
            lines.add("The main reasons, most important first: "
                    + String.join("; ", principal.stream().map(Reason::text).toList()) + ".");
        }
        if (score != null) {
            lines.add(String.format(
                    Locale.ROOT,
                    "A credit scoring model (%s) estimated the chance that the credit would "
                            + "not be repaid at %.1f%%; on its scale from 0%% to 100%%, lower is better.",
                    score.modelId(),
                    score.value() * 100));
        } else {
            lines.add("No credit score could be used for this decision.");
        }
        if (d.features().monthlyPayment() != null) {
            lines.add(instalment(d.features(), app));
        }
        lines.add(String.format(
                Locale.ROOT,
                "Your monthly repayments on existing debts and this credit together would "
                        + "be %.0f%% of your monthly income.",
                d.features().debtToIncome() * 100));
        if (d.features().thinFile()) {
            lines.add("Your credit history was treated as limited, so the decision did not rest on the credit score "
                    + "alone.");
        }
        lines.add("The decision applied " + d.firedRules().size() + " rule(s) of lending policy version "
                + d.rulesetVersion().substring(0, 12) + ".");
        if (review == null && d.outcome() != Outcome.REFER) {
            lines.add("This decision was made automatically; you may ask for it to be reviewed by a person.");
        }
        return lines;
    }

    /** The instalment every affordability figure used, and how it was computed (its derivation version). */
    static String instalment(dev.arbiter.decision.Features f, Application app) {
        String amount = f.monthlyPayment().setScale(2, RoundingMode.HALF_UP).toPlainString()
                + (app == null ? "" : " " + app.currency());
        var derivation = dev.arbiter.decision.FeatureDerivation.version(f.derivation());
        if (derivation.isPresent() && derivation.get().annuity() && app != null) {
            return String.format(
                    Locale.ROOT,
                    "The monthly payment on this credit was taken as %s: the level payment that repays it "
                            + "over %d months at %.2f%% a year.",
                    amount,
                    app.termMonths(),
                    derivation.get().stressRate(app).doubleValue() * 100);
        }
        if (derivation.isPresent() && !derivation.get().annuity()) {
            return "The monthly payment on this credit was taken as " + amount
                    + ": the amount divided by the number of months.";
        }
        return "The monthly payment on this credit was taken as " + amount + ".";
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
