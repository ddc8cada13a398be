package dev.arbiter.persistence;

import dev.arbiter.decision.Repayment;
import dev.arbiter.decision.RepaymentLog;
import dev.arbiter.decision.RepaymentStatus;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Repayment observations in table {@code decision_performance}; the first report of a day wins. */
public final class JdbcRepaymentLog implements RepaymentLog {

    private final JdbcClient jdbc;

    public JdbcRepaymentLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Repayment recordIfAbsent(Repayment r) {
        // ON CONFLICT DO NOTHING makes two racing reports of the same day agree on one row.
        jdbc.sql("""
                insert into decision_performance (decision_id, observed_on, status, recorded_at)
                values (?, ?, ?, ?)
                on conflict (decision_id, observed_on) do nothing
                """)
                .params(r.decisionId(), Date.valueOf(r.observedOn()), r.status().name(), Timestamp.from(r.recordedAt()))
                .update();
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
        return new Repayment(rs.getObject("decision_id", UUID.class), RepaymentStatus.valueOf(rs.getString("status")),
                rs.getDate("observed_on").toLocalDate(), rs.getTimestamp("recorded_at").toInstant());
    }
}
