package dev.arbiter.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Audit queries over the decision log, newest first, one keyset page at a time. Every filter
 * is a condition an index serves: b-tree (column, decided_at, id) for the plain columns,
 * GIN jsonb_path_ops containment for reason codes, fired rules and model statuses.
 */
public final class JdbcDecisionSearch {

    /** One row of the result: what an examiner scans before opening a decision. */
    public record Row(
            UUID decisionId,
            String applicationId,
            Instant decidedAt,
            String outcome,
            String finalOutcome,
            List<String> reasonCodes,
            List<String> ruleCodes,
            String rulesetVersion,
            String product,
            String dataRegion,
            boolean thinFile,
            List<String> modelStatuses) {}

    /** A page and where the next one starts (null on the last page). */
    public record Page(List<Row> rows, DecisionFilter.Position next) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public JdbcDecisionSearch(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Page search(DecisionFilter f) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        condition(where, params, f.from() != null, "d.decided_at >= ?", ts(f.from()));
        condition(where, params, f.to() != null, "d.decided_at < ?", ts(f.to()));
        condition(where, params, f.outcome() != null, "d.outcome = ?", f.outcome());
        condition(
                where,
                params,
                f.finalOutcome() != null,
                "coalesce(rv.body ->> 'outcome', d.outcome) = ?",
                f.finalOutcome());
        condition(
                where,
                params,
                f.reasonCode() != null,
                "d.reasons @> ?::jsonb",
                contains(Map.of("code", nz(f.reasonCode()))));
        condition(
                where,
                params,
                f.ruleCode() != null,
                "d.fired_rules @> ?::jsonb",
                contains(Map.of("ruleCode", nz(f.ruleCode()))));
        condition(where, params, f.rulesetVersion() != null, "d.ruleset_version = ?", f.rulesetVersion());
        condition(where, params, f.thinFile() != null, "d.thin_file = ?", f.thinFile());
        condition(where, params, f.product() != null, "d.product = ?", f.product());
        condition(where, params, f.dataRegion() != null, "d.data_region = ?", f.dataRegion());
        if (f.modelStatus() != null || f.modelRole() != null) {
            Map<String, String> call = new LinkedHashMap<>();
            if (f.modelRole() != null) {
                call.put("role", f.modelRole());
            }
            if (f.modelStatus() != null) {
                call.put("status", f.modelStatus());
            }
            condition(where, params, true, "d.scores @> ?::jsonb", contains(call));
        }
        if (f.after() != null) {
            where.add("(d.decided_at, d.id) < (?, ?)");
            params.add(ts(f.after().decidedAt()));
            params.add(f.after().id());
        }
        params.add(f.limit() + 1);
        String sql = """
                select d.id, d.application_id, d.decided_at, d.outcome, coalesce(rv.body ->> 'outcome', d.outcome) as final_outcome,
                       d.ruleset_version, d.product, d.data_region, d.thin_file,
                       (select coalesce(string_agg(r ->> 'code', ' ' order by n), '')
                          from jsonb_array_elements(d.reasons) with ordinality as x(r, n)) as reason_codes,
                       (select coalesce(string_agg(r ->> 'ruleCode', ' ' order by n), '')
                          from jsonb_array_elements(d.fired_rules) with ordinality as x(r, n)) as rule_codes,
                       (select coalesce(string_agg((r ->> 'role') || ':' || (r ->> 'status'), ' ' order by n), '')
                          from jsonb_array_elements(d.scores) with ordinality as x(r, n)) as model_statuses
                  from decision d
                  left join decision_event rv on rv.decision_id = d.id and rv.kind = 'REVIEW'
                """ + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + """

                 order by d.decided_at desc, d.id desc
                 limit ?
                """;
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> row(rs)).list();
        if (rows.size() <= f.limit()) {
            return new Page(rows, null);
        }
        List<Row> page = rows.subList(0, f.limit());
        Row last = page.get(page.size() - 1);
        return new Page(List.copyOf(page), new DecisionFilter.Position(last.decidedAt(), last.decisionId()));
    }

    private static void condition(List<String> where, List<Object> params, boolean when, String sql, Object value) {
        if (when) {
            where.add(sql);
            params.add(value);
        }
    }

    private String contains(Map<String, String> element) {
        return json.writeValueAsString(List.of(element));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("application_id"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
                rs.getString("outcome"),
                rs.getString("final_outcome"),
                words(rs.getString("reason_codes")),
                words(rs.getString("rule_codes")),
                rs.getString("ruleset_version"),
                rs.getString("product"),
                rs.getString("data_region"),
                rs.getBoolean("thin_file"),
                words(rs.getString("model_statuses")));
    }

    private static List<String> words(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }
}
