package dev.arbiter.persistence;

import dev.arbiter.decision.StoredDecision;
import dev.arbiter.rules.DecisionHistory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored decisions read back in periods: in pages keyed on (decided_at, id), so each page is
 * an index range scan and no cursor is held open while the caller works on a page.
 */
public final class JdbcDecisionHistory implements DecisionHistory {

    private static final String PAGE = """
            select d.*, m.fields as monitoring
              from decision d left join decision_monitoring m on m.decision_id = d.id
             where d.decided_at >= ? and d.decided_at < ? and (d.decided_at, d.id) > (?, ?)
             order by d.decided_at, d.id
             limit ?
            """;
    private static final UUID LOWEST = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final JdbcClient jdbc;
    private final JdbcDecisionLog log;

    public JdbcDecisionHistory(JdbcClient jdbc, JdbcDecisionLog log) {
        this.jdbc = jdbc;
        this.log = log;
    }

    @Override
    public void forEachBatch(Instant from, Instant to, int batchSize, Consumer<List<StoredDecision>> batch) {
        Timestamp afterTime = Timestamp.from(from);
        UUID afterId = LOWEST;
        while (true) {
            List<StoredDecision> page = jdbc.sql(PAGE)
                    .params(Timestamp.from(from), Timestamp.from(to), afterTime, afterId, batchSize)
                    .query(log::map).list();
            if (page.isEmpty()) {
                return;
            }
            batch.accept(page);
            if (page.size() < batchSize) {
                return;
            }
            StoredDecision last = page.get(page.size() - 1);
            afterTime = Timestamp.from(last.decision().decidedAt());
            afterId = last.decision().id();
        }
    }

    @Override
    public long decisions(String version, Instant from, Instant to) {
        return jdbc.sql("select count(*) from decision where ruleset_version = ? and decided_at >= ? and decided_at < ?")
                .params(version, Timestamp.from(from), Timestamp.from(to)).query(Long.class).single();
    }

    @Override
    public Map<String, Long> firedRuleCounts(String version, Instant from, Instant to) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("""
                select r.rule ->> 'ruleCode' as rule_code, count(*) as fired
                  from decision d cross join lateral jsonb_array_elements(d.fired_rules) as r(rule)
                 where d.ruleset_version = ? and d.decided_at >= ? and d.decided_at < ?
                 group by 1
                """)
                .params(version, Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> counts.put(rs.getString("rule_code"), rs.getLong("fired")))
                .list();
        return counts;
    }
}
