package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Effect;
import dev.arbiter.decision.EffectKind;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.Terms;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kie.api.definition.type.Modifies;
import org.kie.api.definition.type.PropertyReactive;

/**
 * The one result of an evaluation, written by rules and read by nothing else: a fresh one
 * is inserted per application. DENY outranks REFER, which outranks APPROVE, so a rule never
 * has to know what fired before it. Each reason belongs to the outcome that gave it; the
 * verdict keeps those of the final outcome, in the order given (rules fire by salience,
 * knock-outs first; a model's factors come largest contribution first).
 *
 * <p>Property-reactive: rules change it inside {@code modify}, and only patterns that test
 * {@code open}, {@code knockedOut} or {@code counteroffer} are re-evaluated, so a rule that
 * merely binds {@code $v : VerdictBuilder()} does not fire again on its own change.
 */
@PropertyReactive
public final class VerdictBuilder {

    private record Given(Outcome outcome, String code) {}

    private final Application application;
    private final ReasonCodeTable table;
    private final List<Given> reasons = new ArrayList<>();
    private final List<Effect> effects = new ArrayList<>();
    private boolean knockedOut;
    private boolean denied;
    private boolean referred;
    private boolean reducedOffer;
    private Terms terms;

    VerdictBuilder(Application application, ReasonCodeTable table) {
        this.application = application;
        this.table = table;
    }

    /** No rule has denied, referred or approved yet. */
    public boolean isOpen() {
        return !denied && !referred && terms == null;
    }

    public boolean isKnockedOut() {
        return knockedOut;
    }

    /** Approved for less than was requested. */
    public boolean isCounteroffer() {
        return terms != null && terms.counteroffer();
    }

    /** The approval is a deliberately reduced offer (a starter limit) that states its own reason. */
    public boolean isReducedOffer() {
        return reducedOffer;
    }

    /**
     * Approves with a limit kept low on purpose, e.g. a starter limit where the primary model
     * cannot be trusted alone; when it is below the amount requested, {@code reasonCode} says why.
     */
    @Modifies({"open", "counteroffer", "reducedOffer"})
    public void approveReduced(BigDecimal creditLimit, BigDecimal apr, String reasonCode) {
        approve(creditLimit, apr);
        reducedOffer = true;
        if (terms.counteroffer()) {
            reason(reasonCode);
        }
    }

    /**
     * Approves at {@code band}'s price with a limit kept low on purpose: at most
     * {@code incomeMultiple} months of income (a starter or reduced limit), and never more than
     * the band itself allows. Below the amount requested, the reason says which cap set the
     * limit: {@code reducedReason} for the reduced multiple, {@code incomeReason} for the band's.
     */
    @Modifies({"open", "counteroffer", "reducedOffer"})
    public void approveReduced(RiskBand band, BigDecimal incomeMultiple, String reducedReason, String incomeReason) {
        BigDecimal byBand = band.limitFor(application);
        BigDecimal reduced = band.withIncomeMultiple(incomeMultiple).limitFor(application);
        boolean reducedSetsIt = reduced.compareTo(byBand) <= 0;
        approveReduced(reducedSetsIt ? reduced : byBand, band.apr(), reducedSetsIt ? reducedReason : incomeReason);
    }

    /** Denies on a knock-out: the remaining policy stands down. */
    @Modifies({"open", "knockedOut"})
    public void knockOut(String reasonCode) {
        knockedOut = true;
        denied = true;
        give(Outcome.DENY, reasonCode);
    }

    @Modifies({"open"})
    public void deny(String reasonCode) {
        denied = true;
        give(Outcome.DENY, reasonCode);
    }

    @Modifies({"open"})
    public void refer(String reasonCode) {
        referred = true;
        give(Outcome.REFER, reasonCode);
    }

    /** Denies with the model's largest risk-raising factors as the reasons, at most {@code max}. */
    @Modifies({"open"})
    public void denyForFactors(ModelScore score, int max) {
        denied = true;
        effects.add(new Effect(EffectKind.DENY, null, null));
        giveFactors(Outcome.DENY, score, max);
    }

    /** Refers, telling the reviewer the model's largest risk-raising factors, at most {@code max}. */
    @Modifies({"open"})
    public void referForFactors(ModelScore score, int max) {
        referred = true;
        effects.add(new Effect(EffectKind.REFER, null, null));
        giveFactors(Outcome.REFER, score, max);
    }

    @Modifies({"open", "counteroffer"})
    public void approve(BigDecimal creditLimit, BigDecimal apr) {
        terms = new Terms(
                creditLimit, apr, application.currency(), application.termMonths(), application.requestedAmount());
        effects.add(Effect.approve(creditLimit.toPlainString(), apr.toPlainString()));
    }

    /** A reason for the outcome as it stands now, e.g. why an approval is for less than requested. */
    public void reason(String reasonCode) {
        give(outcome(), reasonCode);
    }

    Outcome outcome() {
        if (denied) {
            return Outcome.DENY;
        }
        if (referred) {
            return Outcome.REFER;
        }
        return terms == null ? null : Outcome.APPROVE;
    }

    /** What the rules did since the last call, for the fired-rule trace. */
    List<Effect> drainEffects() {
        List<Effect> drained = List.copyOf(effects);
        effects.clear();
        return drained;
    }

    List<Reason> reasons(int max) {
        Outcome outcome = outcome();
        return reasons.stream()
                .filter(given -> given.outcome() == outcome)
                .map(Given::code)
                .distinct()
                .limit(max)
                .map(code -> new Reason(code, table.text(code).orElseThrow()))
                .toList();
    }

    Terms terms() {
        return outcome() == Outcome.APPROVE ? terms : null;
    }

    private void give(Outcome outcome, String code) {
        if (!table.has(code)) {
            throw new IllegalArgumentException(
                    "reason code " + code + " is not in the reason-code table " + table.version());
        }
        reasons.add(new Given(outcome, code));
        effects.add(new Effect(outcome == null ? EffectKind.REASON : EffectKind.valueOf(outcome.name()), code, null));
    }

    private void giveFactors(Outcome outcome, ModelScore score, int max) {
        // Reasons only from evidence: a factor on an input the model did not receive (any adapter's
        // "missing") never becomes a principal reason.
        score.factors().stream()
                .filter(f -> f.contribution() > 0 && f.reasonCode() != null && !evidenced(f))
                .map(ScoreFactor::reasonCode)
                .distinct()
                .forEach(code -> effects.add(new Effect(EffectKind.SKIPPED_REASON, code, score.modelId())));
        List<String> codes = score.factors().stream()
                .filter(f -> f.contribution() > 0 && f.reasonCode() != null && evidenced(f))
                .sorted(Comparator.comparingDouble(ScoreFactor::contribution).reversed())
                .map(ScoreFactor::reasonCode)
                .distinct()
                .toList();
        int given = 0;
        for (String code : codes) {
            if (given == max) {
                break;
            }
            if (table.has(code)) {
                reasons.add(new Given(outcome, code));
                effects.add(new Effect(EffectKind.FACTOR_REASON, code, score.modelId()));
                given++;
            } else {
                // A model may speak a code this table does not word yet; it cannot reach an applicant unworded.
                effects.add(new Effect(EffectKind.SKIPPED_REASON, code, score.modelId()));
            }
        }
    }

    private static boolean evidenced(ScoreFactor factor) {
        return factor.value() != null && !factor.value().isBlank() && !"missing".equals(factor.value());
    }
}
