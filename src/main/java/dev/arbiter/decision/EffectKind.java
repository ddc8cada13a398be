package dev.arbiter.decision;

/**
 * What one step of a fired rule did to the verdict. The outcome kinds say which outcome the
 * step set or gave a reason for; the reason kinds say where a reason came from.
 */
public enum EffectKind {
    /** Set or supported a denial; with a reason code when the rule gave that reason itself. */
    DENY,
    /** Set or supported a referral; with a reason code when the rule gave that reason itself. */
    REFER,
    /** Approved (the terms in the detail) or gave a reason for an approval (the reason code). */
    APPROVE,
    /** Gave a reason while no outcome was set yet. */
    REASON,
    /** Took a reason from a model's factors; the detail names the model. */
    FACTOR_REASON,
    /**
     * Passed over a model's factor whose code the reason-code table does not word, or whose input the
     * model never received (no evidence); the detail names the model.
     */
    SKIPPED_REASON,
    /** Stored text of no known form, kept verbatim in the detail rather than lost. */
    OTHER
}
