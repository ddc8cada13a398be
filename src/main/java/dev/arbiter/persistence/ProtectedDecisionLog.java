package dev.arbiter.persistence;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.StoredDecision;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The decision log with what the core leaves beside the application: which client submitted
 * each decision and the applicant's sealed personal data, read back with it (personal data
 * opened, or absent once forgotten).
 */
public final class ProtectedDecisionLog implements DecisionLog {

    private final DecisionLog inner;
    private final JdbcPersonalData personal;
    private final JdbcClient jdbc;

    public ProtectedDecisionLog(DecisionLog inner, JdbcPersonalData personal, JdbcClient jdbc) {
        this.inner = inner;
        this.personal = personal;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredDecision> find(UUID decisionId) {
        return inner.find(decisionId).map(this::complete);
    }

    @Override
    public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
        return inner.findByApplicationId(clientId, applicationId).map(this::complete);
    }

    /**
     * The inner log writes the owner with the decision row and the personal data through its
     * append hook ({@link JdbcPersonalData#stored}), both before the chain entry is hashed.
     */
    @Override
    public void append(StoredDecision stored) {
        inner.append(stored);
    }

    private StoredDecision complete(StoredDecision stored) {
        UUID id = stored.decision().id();
        String owner = jdbc.sql("select client_id from decision where id = ?").param(id).query(String.class)
                .optional().orElse(null);
        var data = personal.read(id).map(JdbcPersonalData.Stored::data).orElse(null);
        return new StoredDecision(stored.decision(), stored.submission().with(owner, data));
    }
}
