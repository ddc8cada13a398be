package dev.arbiter.fairness;

import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.StoredDecision;

/**
 * Port: a decision's final outcome, which is a reviewer's where a person reviewed it, else the
 * automated one. A referral approved on review is an approval for repayment and fairness alike.
 */
@FunctionalInterface
public interface FinalOutcomes {

    /** No reviews: the automated outcome stands. */
    FinalOutcomes AUTOMATED = stored -> stored.decision().outcome();

    Outcome of(StoredDecision stored);
}
