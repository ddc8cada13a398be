package dev.arbiter.audit;

import dev.arbiter.hashing.ChainHash;
import dev.arbiter.personaldata.JdbcPersonalData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Removes the personal data of decisions past their retain-until date: the application, the
 * demographic monitoring fields and the sealed personal data (name, national id, contact). What remains (outcome, reasons, features, scores, fired
 * rules, terms) is not about an identifiable person on its own and keeps the statistics and
 * the chain whole: each removed part leaves its digest, which the record hash is built from.
 */
public final class JdbcPurge {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ChainRecords records;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<Run> lastRun =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** One purge run on this node: when it finished and how many decisions it purged. */
    public record Run(Instant at, int purged) {}

    /**
     * Retention as the database holds it, for every node: decisions whose personal data is due
     * for removal now, decisions purged so far, the latest removal, and the next decision to fall due.
     */
    public record Status(long due, long purged, Instant lastPurgedAt, Instant nextDue) {}

    public JdbcPurge(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, ChainRecords records, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.records = records;
        this.clock = clock;
    }

    /** Purges every decision due now, in batches; returns how many were purged. */
    public int purgeDue() {
        int total = 0;
        while (true) {
            Integer purged = tx.execute(status -> batch(clock.instant()));
            total += purged == null ? 0 : purged;
            if (purged == null || purged < BATCH) {
                lastRun.set(new Run(clock.instant(), total));
                return total;
            }
        }
    }

    /** This node's latest purge run since it started (the scheduled job's or one asked for), if any. */
    public java.util.Optional<Run> lastRun() {
        return java.util.Optional.ofNullable(lastRun.get());
    }

    /** Each figure from an index: the pending ones from retain_until's, the purged ones from purged_at's. */
    public Status status() {
        Timestamp now = Timestamp.from(clock.instant());
        long due = jdbc.sql("select count(*) from decision where purged_at is null and retain_until <= ?")
                .param(now)
                .query(Long.class)
                .single();
        Instant nextDue = jdbc.sql(
                        "select min(retain_until) from decision where purged_at is null and retain_until > ?")
                .param(now)
                .query((rs, row) -> instant(rs.getTimestamp(1)))
                .list()
                .get(0);
        return jdbc.sql(
                        "select count(*) as purged, max(purged_at) as last_purged_at from decision where purged_at is not null")
                .query((rs, row) ->
                        new Status(due, rs.getLong("purged"), instant(rs.getTimestamp("last_purged_at")), nextDue))
                .single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public long due() {
        return jdbc.sql("select count(*) from decision where purged_at is null and retain_until <= ?")
                .param(Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    private int batch(Instant now) {
        record Due(UUID id, int layout, String application, String monitoring, String personalDataDigest) {}
        List<Due> due = new ArrayList<>(jdbc.sql("""
                select d.id, d.record_layout, d.application::text, m.fields::text,
                       p.wrapped_key, p.sealed, p.national_id_hash
                  from decision d
                  left join decision_monitoring m on m.decision_id = d.id
                  left join decision_pii p on p.decision_id = d.id and p.sealed is not null
                 where d.purged_at is null and d.retain_until <= ?
                 order by d.retain_until
                 limit ?
                 for update of d skip locked
                """)
                .params(Timestamp.from(now), BATCH)
                .query((rs, n) -> new Due(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getBytes("sealed") == null
                                ? null
                                : ChainHash.partDigest(
                                        rs.getInt(2),
                                        JdbcPersonalData.personalDataPart(
                                                rs.getBytes("wrapped_key"),
                                                rs.getBytes("sealed"),
                                                rs.getString("national_id_hash")))))
                .list());
        for (Due d : due) {
            Map<String, String> digests = new LinkedHashMap<>();
            digests.put("application", records.digest(d.layout(), d.application()));
            digests.put("monitoring", records.digest(d.layout(), d.monitoring()));
            if (d.personalDataDigest() != null) {
                // layout 1 records never covered the sealed data: it is removed all the same, without a digest
                if (d.layout() >= 2) {
                    digests.put("personalData", d.personalDataDigest());
                }
                jdbc.sql("""
                        update decision_pii set wrapped_key = null, sealed = null, national_id_hash = null, forgotten_at = ?
                         where decision_id = ?
                        """).params(Timestamp.from(now), d.id()).update();
            }
            jdbc.sql("delete from decision_monitoring where decision_id = ?")
                    .param(d.id())
                    .update();
            jdbc.sql("""
                    update decision set application = 'null'::jsonb, purged_at = ?, purged_digests = ?::jsonb
                     where id = ?
                    """)
                    .params(Timestamp.from(now), json.writeValueAsString(digests), d.id())
                    .update();
        }
        return due.size();
    }
}
