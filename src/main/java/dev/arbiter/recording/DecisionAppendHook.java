package dev.arbiter.recording;

import dev.arbiter.decision.StoredDecision;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Work that must commit with a decision or not at all, such as its chain entry; runs inside the decision's transaction. */
@FunctionalInterface
public interface DecisionAppendHook {

    /**
     * Called once the decision is inserted, in its transaction, with the decision's row as
     * PostgreSQL stored it, read from the insert itself (its {@code returning}), not read back: every
     * column of {@code decision}; {@code monitoring}, the stored {@code decision_monitoring.fields}
     * (null when there are none); {@code pii_present}, {@code pii_wrapped_key}, {@code pii_sealed},
     * {@code pii_national_id_hash} and {@code pii_forgotten_at} from {@code decision_pii}; and
     * {@code pii_forgotten_digest}, always null for a decision just stored. These are the columns of
     * a decision read with what it owns, so a hash of this row is the hash of the row a later
     * reader finds.
     *
     * @param row positioned on the decision's row; read it, do not move it
     */
    void stored(StoredDecision stored, ResultSet row) throws SQLException;
}
