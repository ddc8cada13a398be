package dev.arbiter.recording;

import dev.arbiter.decision.Outcome;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How many decisions were made in a period, by outcome (the original outcome, before any review). */
public final class DecisionCounts {

    private final JdbcClient jdbc;

    DecisionCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every outcome, with zero for those not made; {@code from} inclusive, {@code to} exclusive. */
    public Map<Outcome, Long> byOutcome(Instant from, Instant to) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0L);
        }
        jdbc.sql(
                        "select outcome, count(*) as n from decision where decided_at >= ? and decided_at < ? group by outcome")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> counts.put(Outcome.valueOf(rs.getString("outcome")), rs.getLong("n")))
                .list();
        return counts;
    }
}
