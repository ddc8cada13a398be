package dev.arbiter.fairness;

import dev.arbiter.decision.Repayment;
import dev.arbiter.decision.RepaymentLog;
import dev.arbiter.decision.RepaymentStatus;
import dev.arbiter.recording.JdbcDecisionEvents;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repayment observations in table {@code decision_performance}; the first report of a day wins.
 * Each new observation is also a {@code REPAYMENT_OUTCOME} event on the decision, and so a link in
 * the audit hash chain, written in the same transaction.
 */
public final class JdbcRepaymentLog implements RepaymentLog {

    public static final String EVENT = "REPAYMENT_OUTCOME";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JdbcDecisionEvents events;

    public JdbcRepaymentLog(JdbcClient jdbc, TransactionTemplate tx, JdbcDecisionEvents events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
    }

    @Override
    public Repayment recordIfAbsent(Repayment r) {
        // ON CONFLICT DO NOTHING makes two racing reports of the same day agree on one row.
        tx.executeWithoutResult(status -> {
            int inserted = jdbc.sql("""
                    insert into decision_performance (decision_id, observed_on, status, recorded_at)
                    values (?, ?, ?, ?)
                    on conflict (decision_id, observed_on) do nothing
                    """)
                    .params(
                            r.decisionId(),
                            Date.valueOf(r.observedOn()),
                            r.status().name(),
                            Timestamp.from(r.recordedAt()))
                    .update();
            if (inserted == 1) {
                events.append(
                        r.decisionId(),
                        EVENT,
                        java.util.Map.of(
                                "status",
                                r.status().name(),
                                "observedOn",
                                r.observedOn().toString()));
            }
        });
        return find(r.decisionId(), r.observedOn()).orElseThrow();
    }

    @Override
    public Optional<Repayment> find(UUID decisionId, LocalDate observedOn) {
        return jdbc.sql("select * from decision_performance where decision_id = ? and observed_on = ?")
                .params(decisionId, Date.valueOf(observedOn))
                .query(JdbcRepaymentLog::map)
                .optional();
    }

    private static Repayment map(ResultSet rs, int row) throws SQLException {
        return new Repayment(
                rs.getObject("decision_id", UUID.class),
                RepaymentStatus.valueOf(rs.getString("status")),
                rs.getDate("observed_on").toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
