package dev.arbiter.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads records as they are stored and hashes them. The writer and the verifier both hash
 * through here, from the rows in PostgreSQL, so a record hashes the same at write time and
 * years later whatever Jackson or jsonb does to number formatting or key order.
 */
public final class ChainRecords {

    static final String DECISION = "DECISION";
    static final String EVENT = "EVENT";

    /** A record's hash now, and a reason it is inconsistent apart from its hash (or null). */
    public record State(String hash, String problem) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public ChainRecords(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public Map<UUID, State> decisions(Collection<UUID> ids) {
        Map<UUID, State> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.sql("""
                select d.*, m.fields as monitoring
                  from decision d left join decision_monitoring m on m.decision_id = d.id
                 where d.id = any(?::uuid[])
                """)
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((RowCallbackHandler) rs -> states.put(rs.getObject("id", UUID.class), decision(rs)));
        return states;
    }

    public Map<UUID, State> events(Collection<UUID> ids) {
        Map<UUID, State> states = new HashMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        jdbc.sql("select * from decision_event where id = any(?::uuid[])")
                .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    Map<String, Object> parts = new LinkedHashMap<>();
                    parts.put("id", rs.getString("id"));
                    parts.put("decisionId", rs.getString("decision_id"));
                    parts.put("kind", rs.getString("kind"));
                    parts.put("body", parse(rs.getString("body")));
                    parts.put("recordedAt", instant(rs, "recorded_at"));
                    states.put(rs.getObject("id", UUID.class),
                            new State(ChainHash.recordHash(EVENT, parts, Map.of()), null));
                });
        return states;
    }

    private State decision(ResultSet rs) throws SQLException {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("id", rs.getString("id"));
        parts.put("applicationId", rs.getString("application_id"));
        parts.put("requestFingerprint", rs.getString("request_fingerprint"));
        parts.put("outcome", rs.getString("outcome"));
        parts.put("rulesetVersion", rs.getString("ruleset_version"));
        if (rs.getString("ensemble_version") != null) {
            parts.put("ensembleVersion", rs.getString("ensemble_version"));
        }
        parts.put("product", rs.getString("product"));
        parts.put("dataRegion", rs.getString("data_region"));
        parts.put("thinFile", rs.getBoolean("thin_file"));
        parts.put("decidedAt", instant(rs, "decided_at"));
        parts.put("retainUntil", instant(rs, "retain_until"));
        parts.put("application", parse(rs.getString("application")));
        parts.put("features", parse(rs.getString("features")));
        parts.put("scores", parse(rs.getString("scores")));
        parts.put("firedRules", parse(rs.getString("fired_rules")));
        parts.put("reasons", parse(rs.getString("reasons")));
        parts.put("terms", parse(rs.getString("terms")));
        parts.put("guardrails", parse(rs.getString("guardrails")));
        parts.put("monitoring", parse(rs.getString("monitoring")));
        String removed = rs.getString("purged_digests");
        Map<String, String> digests = removed == null ? Map.of() : json.readValue(removed, new TypeReference<>() { });
        digests.keySet().forEach(parts::remove);
        return new State(ChainHash.recordHash(DECISION, parts, digests), purgeProblem(rs, digests));
    }

    /** A purge is only legitimate after the retain-until date, and leaves nothing of what it removed. */
    private String purgeProblem(ResultSet rs, Map<String, String> digests) throws SQLException {
        OffsetDateTime purgedAt = rs.getObject("purged_at", OffsetDateTime.class);
        if (digests.isEmpty() && purgedAt == null) {
            return null;
        }
        OffsetDateTime retainUntil = rs.getObject("retain_until", OffsetDateTime.class);
        if (purgedAt == null || retainUntil == null || purgedAt.isBefore(retainUntil)
                || purgedAt.toInstant().isAfter(clock.instant())) {
            return "personal data was removed outside its retention rule (retain until " + retainUntil
                    + ", removed at " + purgedAt + ")";
        }
        if (digests.containsKey("application") && !"null".equals(rs.getString("application"))) {
            return "the application was purged but content is present again";
        }
        if (digests.containsKey("monitoring") && rs.getString("monitoring") != null) {
            return "the monitoring fields were purged but content is present again";
        }
        return null;
    }

    /** The digest that stands for a part once its content is removed: the same digest the record hash used. */
    String digest(String jsonText) {
        return ChainHash.partDigest(parse(jsonText));
    }

    private Object parse(String text) {
        return text == null ? null : json.readValue(text, Object.class);
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toString();
    }
}
