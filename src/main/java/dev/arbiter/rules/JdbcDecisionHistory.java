package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Stored decisions read back in periods: in pages keyed on (decided_at, id), so each page is
 * an index range scan and no cursor is held open while the caller works on a page. A page is
 * fetched as text and decoded by whoever consumes it, so reading the next page from
 * PostgreSQL overlaps with decoding and re-deciding the last one. Monitoring fields are not
 * read: re-deciding never uses them. A purged decision is left out: retention removed its
 * application, so there is nothing to decide it again from.
 */
public final class JdbcDecisionHistory implements DecisionHistory {

    private static final String PAGE = """
            select id, application_id, request_fingerprint, outcome, ruleset_version, ensemble_version, decided_at, application,
                   features, scores, fired_rules, reasons, terms, guardrails
              from decision
             where decided_at >= ? and decided_at < ? and (decided_at, id) > (?, ?) and purged_at is null
             order by decided_at, id
             limit ?
            """;
    private static final UUID LOWEST = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public JdbcDecisionHistory(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A decision row as PostgreSQL sent it, not yet decoded. */
    private record Row(
            UUID id,
            String applicationId,
            String fingerprint,
            String outcome,
            String rulesetVersion,
            String ensembleVersion,
            Timestamp decidedAt,
            String application,
            String features,
            String scores,
            String firedRules,
            String reasons,
            String terms,
            String guardrails) {

        static Row of(ResultSet rs, int row) throws SQLException {
            return new Row(
                    rs.getObject("id", UUID.class),
                    rs.getString("application_id"),
                    rs.getString("request_fingerprint"),
                    rs.getString("outcome"),
                    rs.getString("ruleset_version"),
                    rs.getString("ensemble_version"),
                    rs.getTimestamp("decided_at"),
                    rs.getString("application"),
                    rs.getString("features"),
                    rs.getString("scores"),
                    rs.getString("fired_rules"),
                    rs.getString("reasons"),
                    rs.getString("terms"),
                    rs.getString("guardrails"));
        }
    }

    @Override
    public void forEachBatch(Instant from, Instant to, int batchSize, Consumer<Supplier<List<StoredDecision>>> batch) {
        Timestamp afterTime = Timestamp.from(from);
        UUID afterId = LOWEST;
        while (true) {
            List<Row> page = jdbc.sql(PAGE)
                    .params(Timestamp.from(from), Timestamp.from(to), afterTime, afterId, batchSize)
                    .query(Row::of)
                    .list();
            if (page.isEmpty()) {
                return;
            }
            batch.accept(() -> page.stream().map(this::decode).toList());
            if (page.size() < batchSize) {
                return;
            }
            Row last = page.get(page.size() - 1);
            afterTime = last.decidedAt();
            afterId = last.id();
        }
    }

    private StoredDecision decode(Row row) {
        Decision decision = new Decision(
                row.id(),
                row.applicationId(),
                Outcome.valueOf(row.outcome()),
                read(row.reasons(), new TypeReference<List<Reason>>() {}),
                row.terms() == null ? null : read(row.terms(), new TypeReference<Terms>() {}),
                row.rulesetVersion(),
                row.ensembleVersion(),
                read(row.features(), new TypeReference<Features>() {}),
                read(row.scores(), new TypeReference<List<ModelScore>>() {}),
                read(row.firedRules(), new TypeReference<List<FiredRule>>() {}),
                read(row.guardrails(), new TypeReference<List<Intervention>>() {}),
                row.decidedAt().toInstant());
        Application application = read(row.application(), new TypeReference<Application>() {});
        return new StoredDecision(decision, new Submission(application, Map.of(), row.fingerprint()));
    }

    private <T> T read(String text, TypeReference<T> type) {
        return json.readValue(text, type);
    }

    @Override
    public long decisions(String version, Instant from, Instant to) {
        return jdbc.sql(
                        "select count(*) from decision where ruleset_version = ? and decided_at >= ? and decided_at < ?")
                .params(version, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class)
                .single();
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
