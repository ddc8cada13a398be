package dev.arbiter.audit;

import dev.arbiter.hashing.ChainHash;
import dev.arbiter.personaldata.JdbcPersonalData;
import dev.arbiter.recording.JdbcDecisionEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads records as they are stored and hashes them. The writer and the verifier both hash
 * through here, from the rows in PostgreSQL, so a record hashes the same at write time and
 * years later whatever Jackson or jsonb does to number formatting or key order.
 *
 * <p>A decision's parts are every column a reader is shown or that decides who may read it.
 * Only its personal parts may ever be replaced by their digests (by a purge past the
 * retain-until date, or a forget the chain records as an event): everything else is always
 * hashed from its column, whatever {@code purged_digests} claims.
 */
public final class ChainRecords {

    static final String DECISION = "DECISION";
    static final String EVENT = "EVENT";
    /** The chained event a forget leaves, with the digest of the personal data it removed. */
    public static final String PERSONAL_DATA_FORGOTTEN = JdbcDecisionEvents.PERSONAL_DATA_FORGOTTEN;

    /** The parts that are about an identifiable person: the only ones a purge or forget may remove. */
    static final Set<String> PERSONAL_PARTS = Set.of("application", "monitoring", "personalData");

    /** A record's hash now, and a reason it is inconsistent apart from its hash (or null). */
    public record State(String hash, String problem) {}

    private static final String DECISIONS = """
            select d.*, m.fields as monitoring,
                   p.decision_id is not null as pii_present, p.wrapped_key as pii_wrapped_key, p.sealed as pii_sealed,
                   p.national_id_hash as pii_national_id_hash, p.forgotten_at as pii_forgotten_at,
                   f.body ->> 'personalDataDigest' as pii_forgotten_digest
              from decision d
              left join decision_monitoring m on m.decision_id = d.id
              left join decision_pii p on p.decision_id = d.id
              left join lateral (
                    select e.body from decision_event e
                      join chain_link c on c.subject_kind = 'EVENT' and c.subject_id = e.id
                     where e.decision_id = d.id and e.kind = 'PERSONAL_DATA_FORGOTTEN'
                     order by e.recorded_at limit 1) f on true
            """;

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
        RowCallbackHandler hashed = rs -> states.put(rs.getObject("id", UUID.class), decision(rs));
        if (ids.size() == 1) {
            // one id (a decision chained by its id, a page of one): "= ?" gets a generic plan PostgreSQL
            // keeps, where "= any(?)" was planned again on every call (0.3 to 0.65 ms, up to eight times
            // the query itself; docs/benchmarks.md)
            jdbc.sql(DECISIONS + " where d.id = ?::uuid")
                    .param(ids.iterator().next().toString())
                    .query(hashed);
        } else {
            jdbc.sql(DECISIONS + " where d.id = any(?::uuid[])")
                    .param(ids.stream().map(UUID::toString).toArray(String[]::new))
                    .query(hashed);
        }
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
                    states.put(
                            rs.getObject("id", UUID.class),
                            new State(ChainHash.recordHash(rs.getInt("record_layout"), EVENT, parts, Map.of()), null));
                });
        return states;
    }

    /** The hash of the decision on the current row, which has the columns of {@link #DECISIONS}. */
    State decision(ResultSet rs) throws SQLException {
        int layout = rs.getInt("record_layout");
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
        if (layout >= 2) {
            parts.put("clientId", rs.getString("client_id"));
            parts.put(
                    "personalData",
                    rs.getBoolean("pii_present")
                            ? JdbcPersonalData.personalDataPart(
                                    rs.getBytes("pii_wrapped_key"),
                                    rs.getBytes("pii_sealed"),
                                    rs.getString("pii_national_id_hash"))
                            : null);
        }
        String removed = rs.getString("purged_digests");
        Map<String, String> claimed = removed == null ? Map.of() : json.readValue(removed, new TypeReference<>() {});
        // only personal parts may stand as digests; any other name is hashed from its column all the same
        Map<String, String> digests = new LinkedHashMap<>();
        claimed.forEach((name, digest) -> {
            if (PERSONAL_PARTS.contains(name) && parts.containsKey(name)) {
                digests.put(name, digest);
            }
        });
        String problem = purgeProblem(rs, claimed, digests);
        if (layout >= 2 && !digests.containsKey("personalData")) {
            String forgotten = forgottenPersonalData(rs);
            if (forgotten != null) {
                digests.put("personalData", forgotten);
            } else if (problem == null) {
                problem = personalDataProblem(rs);
            }
        }
        digests.keySet().forEach(parts::remove);
        return new State(ChainHash.recordHash(layout, DECISION, parts, digests), problem);
    }

    /** A purge is only legitimate after the retain-until date, of personal parts only, and leaves nothing of what it removed. */
    private String purgeProblem(ResultSet rs, Map<String, String> claimed, Map<String, String> digests)
            throws SQLException {
        Set<String> notPersonal = new TreeSet<>(claimed.keySet());
        notPersonal.removeAll(digests.keySet());
        if (!notPersonal.isEmpty()) {
            return "the purge record names " + notPersonal + ", which are not personal data and are never purged";
        }
        OffsetDateTime purgedAt = rs.getObject("purged_at", OffsetDateTime.class);
        if (digests.isEmpty() && purgedAt == null) {
            return null;
        }
        OffsetDateTime retainUntil = rs.getObject("retain_until", OffsetDateTime.class);
        if (purgedAt == null
                || retainUntil == null
                || purgedAt.isBefore(retainUntil)
                || purgedAt.toInstant().isAfter(clock.instant())) {
            return "personal data was removed outside its retention rule (retain until " + retainUntil + ", removed at "
                    + purgedAt + ")";
        }
        if (digests.containsKey("application") && !"null".equals(rs.getString("application"))) {
            return "the application was purged but content is present again";
        }
        if (digests.containsKey("monitoring") && rs.getString("monitoring") != null) {
            return "the monitoring fields were purged but content is present again";
        }
        if (digests.containsKey("personalData") && rs.getBytes("pii_sealed") != null) {
            return "the personal data was purged but content is present again";
        }
        return null;
    }

    /** The digest a chained forget event recorded, when the sealed personal data is gone and one was recorded. */
    private static String forgottenPersonalData(ResultSet rs) throws SQLException {
        boolean forgotten = rs.getBoolean("pii_present") && rs.getBytes("pii_sealed") == null;
        return forgotten ? rs.getString("pii_forgotten_digest") : null;
    }

    private static String personalDataProblem(ResultSet rs) throws SQLException {
        if (rs.getBoolean("pii_present")
                && (rs.getBytes("pii_sealed") == null || rs.getBytes("pii_wrapped_key") == null)) {
            return "the personal data was removed without a recorded forget or purge";
        }
        return null;
    }

    /** The digest that stands for a part of a record of {@code layout} once its content is removed. */
    String digest(int layout, String jsonText) {
        return ChainHash.partDigest(layout, parse(jsonText));
    }

    private Object parse(String text) {
        return text == null ? null : json.readValue(text, Object.class);
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toString();
    }
}
