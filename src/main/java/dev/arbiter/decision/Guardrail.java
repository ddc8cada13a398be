package dev.arbiter.decision;

import java.util.Arrays;
import java.util.Optional;

/** The guardrails of {@link Guardrails}, each with what it does to the outcome whenever it acts. */
public enum Guardrail {
    /** No rule set an outcome; the application goes to a person. */
    NO_OUTCOME(null, Outcome.REFER),
    /** A reason whose wording tells the applicant nothing was dropped. */
    VAGUE_REASON_DROPPED(null, null),
    /** More reasons than an adverse-action notice may give; the first ones kept. */
    REASONS_TRUNCATED(null, null),
    /** A denial with no specific reason left goes to a person. */
    DENY_WITHOUT_REASON(Outcome.DENY, Outcome.REFER),
    /** A thin-file denial on the primary model's factors alone goes to a person. */
    THIN_FILE_DENY_UNCORROBORATED(Outcome.DENY, Outcome.REFER),
    /** A thin-file denial stands on the evidence named in the detail. */
    THIN_FILE_DENY_CORROBORATED(Outcome.DENY, Outcome.DENY),
    /** A denial resting on an out-of-domain primary answer alone (an extrapolation) goes to a person. */
    OUT_OF_DOMAIN_DENY_UNCORROBORATED(Outcome.DENY, Outcome.REFER),
    /** A denial despite an out-of-domain primary answer stands on the evidence named in the detail. */
    OUT_OF_DOMAIN_DENY_CORROBORATED(Outcome.DENY, Outcome.DENY),
    /** An approval without a positive limit and an APR goes to a person. */
    APPROVE_WITHOUT_TERMS(Outcome.APPROVE, Outcome.REFER);

    private final Outcome from;
    private final Outcome to;

    Guardrail(Outcome from, Outcome to) {
        this.from = from;
        this.to = to;
    }

    public Intervention intervention(String detail) {
        return new Intervention(name(), from, to, detail);
    }

    static Optional<Guardrail> known(String code) {
        return Arrays.stream(values()).filter(g -> g.name().equals(code)).findFirst();
    }
}
