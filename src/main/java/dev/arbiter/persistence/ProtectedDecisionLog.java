package dev.arbiter.persistence;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.StoredDecision;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision log with what the core leaves beside the application: which client submitted
 * each decision and the applicant's sealed personal data, written in the same transaction as
 * the decision and read back with it (personal data opened, or absent once forgotten).
 */
public final class ProtectedDecisionLog implements DecisionLog {

    private final DecisionLog inner;
    private final JdbcPersonalData personal;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ProtectedDecisionLog(DecisionLog inner, JdbcPersonalData personal, JdbcClient jdbc, TransactionTemplate tx) {
        this.inner = inner;
        this.personal = personal;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public Optional<StoredDecision> find(UUID decisionId) {
        return inner.find(decisionId).map(this::complete);
    }

    @Override
    public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
        return inner.findByApplicationId(clientId, applicationId).map(this::complete);
    }

    @Override
    public void append(StoredDecision stored) {
        UUID id = stored.decision().id();
        var submission = stored.submission();
        // the inner log joins this transaction (and writes the owner with the decision, since application ids
        // are unique per owner), so decision, owner and personal data commit together
        tx.executeWithoutResult(status -> {
            inner.append(stored);
            if (submission.personalData() != null) {
                personal.write(id, submission.personalData());
            }
        });
    }

    private StoredDecision complete(StoredDecision stored) {
        UUID id = stored.decision().id();
        String owner = jdbc.sql("select client_id from decision where id = ?").param(id).query(String.class)
                .optional().orElse(null);
        var data = personal.read(id).map(JdbcPersonalData.Stored::data).orElse(null);
        return new StoredDecision(stored.decision(), stored.submission().with(owner, data));
    }
}
