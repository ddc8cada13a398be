package dev.arbiter.decision;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/** Port: durable storage of repayment observations, one per decision and observation day. */
public interface RepaymentLog {

    /**
     * Stores the observation unless one exists for the same decision and day; returns what is
     * stored for that day afterwards (the given one, or the earlier one, which may differ).
     */
    Repayment recordIfAbsent(Repayment repayment);

    Optional<Repayment> find(UUID decisionId, LocalDate observedOn);
}
