package dev.arbiter.rules;

import dev.arbiter.decision.Decision;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** The challenger's decisions in {@code decision_shadow}, one per shadowed decision. */
public final class JdbcShadowLog implements ShadowLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public JdbcShadowLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void record(UUID decisionId, Decision challenger) {
        jdbc.sql("""
                insert into decision_shadow (decision_id, ruleset_version, outcome, reasons, terms, fired_rules, recorded_at)
                values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
                on conflict (decision_id) do nothing
                """)
                .params(
                        decisionId,
                        challenger.rulesetVersion(),
                        challenger.outcome().name(),
                        json.writeValueAsString(challenger.reasons()),
                        challenger.terms() == null ? null : json.writeValueAsString(challenger.terms()),
                        json.writeValueAsString(challenger.firedRules()),
                        Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    public List<Comparison> compare(Instant from, Instant to) {
        return jdbc.sql("""
                select d.ruleset_version as champion_version, s.ruleset_version as challenger_version,
                       d.outcome as champion, s.outcome as challenger, d.thin_file, count(*) as decisions
                  from decision_shadow s join decision d on d.id = s.decision_id
                 where d.decided_at >= ? and d.decided_at < ?
                 group by 1, 2, 3, 4, 5
                 order by 1, 2, 3, 4, 5
                """)
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new Comparison(
                        rs.getString("champion_version"),
                        rs.getString("challenger_version"),
                        rs.getString("champion"),
                        rs.getString("challenger"),
                        rs.getBoolean("thin_file"),
                        rs.getLong("decisions")))
                .list();
    }
}
