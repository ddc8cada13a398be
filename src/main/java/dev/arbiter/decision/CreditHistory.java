package dev.arbiter.decision;

/** The applicant's repayment history, summarised from the credit file. */
public enum CreditHistory {
    /** No bureau file at all. */
    NONE,
    /** A file with no delinquency and no derogatory mark. */
    CLEAN,
    /** Past delinquencies but no derogatory mark. */
    PAST_DELINQUENCY,
    /** At least one derogatory mark (collection, charge-off, bankruptcy). */
    DEROGATORY;

    static CreditHistory of(CreditFile file) {
        if (file == null) {
            return NONE;
        }
        if (file.derogatoryMarks() > 0) {
            return DEROGATORY;
        }
        return file.delinquencies() > 0 ? PAST_DELINQUENCY : CLEAN;
    }
}
