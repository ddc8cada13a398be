package dev.arbiter.recording;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.FiredRule;
import dev.arbiter.decision.Intervention;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.Submission;
import dev.arbiter.decision.Terms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The decision log on PostgreSQL: the decision row and its monitoring row commit together. */
public final class JdbcDecisionLog implements DecisionLog {

    private static final String SELECT = """
            select d.*, m.fields as monitoring
              from decision d left join decision_monitoring m on m.decision_id = d.id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final DecisionAppendHook hook;

    public JdbcDecisionLog(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json) {
        this(jdbc, tx, json, DecisionAppendHook.NONE);
    }

    public JdbcDecisionLog(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, DecisionAppendHook hook) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.hook = hook;
    }

    @Override
    public Optional<StoredDecision> find(UUID decisionId) {
        return jdbc.sql(SELECT + " where d.id = ?").param(decisionId).query(this::map).optional();
    }

    @Override
    public Optional<StoredDecision> findByApplicationId(String applicationId) {
        return jdbc.sql(SELECT + " where d.application_id = ?").param(applicationId).query(this::map).optional();
    }

    @Override
    public void append(StoredDecision stored) {
        Decision d = stored.decision();
        Application app = stored.submission().application();
        try {
            tx.executeWithoutResult(status -> {
                jdbc.sql("""
                        insert into decision (id, application_id, request_fingerprint, outcome, ruleset_version,
                            ensemble_version, product, data_region, thin_file, decided_at, application, features,
                            scores, fired_rules, reasons, terms, guardrails)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb,
                                ?::jsonb)
                        """)
                        .params(d.id(), d.applicationId(), stored.submission().fingerprint(), d.outcome().name(),
                                d.rulesetVersion(), d.ensembleVersion(), app.product().name(), app.dataRegion(), d.features().thinFile(),
                                Timestamp.from(d.decidedAt()), write(app), write(d.features()), write(d.scores()),
                                write(d.firedRules()), write(d.reasons()), d.terms() == null ? null : write(d.terms()),
                                write(d.guardrails()))
                        .update();
                if (!stored.submission().monitoring().isEmpty()) {
                    jdbc.sql("insert into decision_monitoring (decision_id, fields) values (?, ?::jsonb)")
                            .params(d.id(), write(stored.submission().monitoring()))
                            .update();
                }
                hook.stored(stored);
            });
        } catch (DuplicateKeyException duplicate) {
            throw new DuplicateApplicationException(d.applicationId(), duplicate);
        }
    }

    private StoredDecision map(ResultSet rs, int row) throws SQLException {
        // a purged record keeps JSON null where the application was
        Application app = read(rs.getString("application"), new TypeReference<>() { });
        String monitoring = rs.getString("monitoring");
        Decision decision = new Decision(
                rs.getObject("id", UUID.class),
                rs.getString("application_id"),
                Outcome.valueOf(rs.getString("outcome")),
                read(rs.getString("reasons"), new TypeReference<List<Reason>>() { }),
                rs.getString("terms") == null ? null : read(rs.getString("terms"), new TypeReference<Terms>() { }),
                rs.getString("ruleset_version"),
                rs.getString("ensemble_version"),
                read(rs.getString("features"), new TypeReference<Features>() { }),
                read(rs.getString("scores"), new TypeReference<List<ModelScore>>() { }),
                read(rs.getString("fired_rules"), new TypeReference<List<FiredRule>>() { }),
                read(rs.getString("guardrails"), new TypeReference<List<Intervention>>() { }),
                rs.getTimestamp("decided_at").toInstant());
        Map<String, Object> fields = monitoring == null ? Map.of() : read(monitoring, new TypeReference<>() { });
        return new StoredDecision(decision, new Submission(app, fields, rs.getString("request_fingerprint")));
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }

    private <T> T read(String text, TypeReference<T> type) {
        return json.readValue(text, type);
    }
}
