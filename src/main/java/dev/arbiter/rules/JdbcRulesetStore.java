package dev.arbiter.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Ruleset versions in PostgreSQL, keyed by content hash, with their approvals, the
 * activation history and the shadow setting. Every change of what serves is one transaction
 * that also tells the other nodes ({@code NOTIFY} on {@link #CHANNEL}, delivered on commit).
 */
public final class JdbcRulesetStore implements RulesetRepository {

    /** Nodes listen here; the payload is {@code active:<version>} or {@code shadow:<version or empty>}. */
    public static final String CHANNEL = "arbiter_rulesets";
    /** Serialises activations, imports and shadow changes across nodes. */
    private static final long LOCK = 0x61726269746572L;

    private static final String SELECT = """
            select v.version, v.author, v.created_at, v.parent, v.status, a.approved_by, a.approved_at
              from ruleset_version v left join ruleset_approval a on a.version = v.version
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public JdbcRulesetStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores the files of a version unless that version is stored already, as a draft of the
     * system's; files are kept base64-encoded.
     */
    public void storeIfAbsent(String version, Map<String, byte[]> files) {
        insert(version, files, "system", null, clock.instant(), RulesetStatus.DRAFT);
    }

    public boolean exists(String version) {
        return find(version).isPresent();
    }

    @Override
    public boolean saveDraft(Ruleset ruleset, String author, String parent, Instant at) {
        return insert(ruleset.version(), ruleset.files(), author, parent, at, RulesetStatus.DRAFT);
    }

    private boolean insert(
            String version, Map<String, byte[]> files, String author, String parent, Instant at, RulesetStatus status) {
        Map<String, String> encoded = new TreeMap<>();
        files.forEach((path, bytes) -> encoded.put(path, Base64.getEncoder().encodeToString(bytes)));
        return jdbc.sql("""
                insert into ruleset_version (version, files, stored_at, author, created_at, parent, status)
                values (?, ?::jsonb, ?, ?, ?, ?, ?)
                on conflict (version) do nothing
                """)
                        .params(
                                version,
                                json.writeValueAsString(encoded),
                                Timestamp.from(at),
                                author,
                                Timestamp.from(at),
                                parent,
                                status.name())
                        .update()
                == 1;
    }

    @Override
    public Optional<RulesetVersion> find(String version) {
        return jdbc.sql(SELECT + " where v.version = ?")
                .param(version)
                .query(JdbcRulesetStore::version)
                .optional();
    }

    @Override
    public Optional<Ruleset> files(String version) {
        return jdbc.sql("select files from ruleset_version where version = ?")
                .param(version)
                .query(String.class)
                .optional()
                .map(text -> {
                    Map<String, String> encoded = json.readValue(text, new TypeReference<Map<String, String>>() {});
                    Map<String, byte[]> files = new TreeMap<>();
                    encoded.forEach((path, base64) ->
                            files.put(path, Base64.getDecoder().decode(base64)));
                    return Ruleset.of(files);
                });
    }

    @Override
    public List<RulesetVersion> list() {
        return jdbc.sql(SELECT + " order by v.created_at desc, v.version")
                .query(JdbcRulesetStore::version)
                .list();
    }

    @Override
    public void approve(String version, String by, Instant at) {
        tx.executeWithoutResult(status -> {
            int updated = jdbc.sql(
                            "update ruleset_version set status = 'APPROVED' where version = ? and status = 'DRAFT'")
                    .param(version)
                    .update();
            if (updated == 0) {
                throw new RulesetStateException(
                        RulesetStateException.Reason.NOT_A_DRAFT,
                        version,
                        "version " + version + " is no longer a DRAFT");
            }
            jdbc.sql("insert into ruleset_approval (version, approved_by, approved_at) values (?, ?, ?)")
                    .params(version, by, Timestamp.from(at))
                    .update();
        });
    }

    @Override
    public Activation activate(String expectedFrom, String to, String by, Instant at) {
        return tx.execute(status -> {
            lock();
            String active = activeVersion().orElse(null);
            if (!java.util.Objects.equals(active, expectedFrom) || to.equals(active)) {
                throw new RulesetStateException(
                        RulesetStateException.Reason.ALREADY_ACTIVE,
                        to,
                        "the active version changed to " + active + " meanwhile; nothing was activated");
            }
            // retire first: at most one row may be ACTIVE at any moment, even inside the transaction
            if (active != null) {
                jdbc.sql("update ruleset_version set status = 'RETIRED' where version = ?")
                        .param(active)
                        .update();
            }
            int updated = jdbc.sql(
                            "update ruleset_version set status = 'ACTIVE' where version = ? and status in ('APPROVED', 'RETIRED')")
                    .param(to)
                    .update();
            if (updated == 0) {
                throw new RulesetStateException(
                        RulesetStateException.Reason.NOT_APPROVED, to, "version " + to + " is not approved");
            }
            return record(active, to, by, at);
        });
    }

    @Override
    public void importActive(Ruleset ruleset, String author, Instant at) {
        tx.executeWithoutResult(status -> {
            lock();
            if (activeVersion().isPresent()) {
                return;
            }
            insert(ruleset.version(), ruleset.files(), author, null, at, RulesetStatus.APPROVED);
            jdbc.sql("update ruleset_version set status = 'ACTIVE' where version = ?")
                    .param(ruleset.version())
                    .update();
            jdbc.sql(
                            "insert into ruleset_approval (version, approved_by, approved_at) values (?, ?, ?) on conflict do nothing")
                    .params(ruleset.version(), author, Timestamp.from(at))
                    .update();
            record(null, ruleset.version(), author, at);
        });
    }

    private Activation record(String from, String to, String by, Instant at) {
        long sequence = jdbc.sql("""
                insert into ruleset_activation (from_version, to_version, activated_by, activated_at)
                values (?, ?, ?, ?) returning sequence
                """)
                .params(from, to, by, Timestamp.from(at))
                .query(Long.class)
                .single();
        notifyNodes("active:" + to);
        return new Activation(sequence, from, to, by, at);
    }

    @Override
    public Optional<String> activeVersion() {
        return jdbc.sql("select version from ruleset_version where status = 'ACTIVE'")
                .query(String.class)
                .optional();
    }

    @Override
    public List<Activation> activations() {
        return jdbc.sql("select * from ruleset_activation order by sequence desc")
                .query((rs, row) -> new Activation(
                        rs.getLong("sequence"),
                        rs.getString("from_version"),
                        rs.getString("to_version"),
                        rs.getString("activated_by"),
                        rs.getTimestamp("activated_at").toInstant()))
                .list();
    }

    @Override
    public void setShadow(String version, String by, Instant at) {
        tx.executeWithoutResult(status -> {
            lock();
            jdbc.sql("""
                    insert into ruleset_shadow (singleton, version, set_by, set_at) values (true, ?, ?, ?)
                    on conflict (singleton) do update set version = excluded.version, set_by = excluded.set_by,
                        set_at = excluded.set_at
                    """).params(version, by, Timestamp.from(at)).update();
            notifyNodes("shadow:" + (version == null ? "" : version));
        });
    }

    @Override
    public Optional<String> shadowVersion() {
        return jdbc.sql("select version from ruleset_shadow where version is not null")
                .query(String.class)
                .optional();
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(LOCK)
                .query(Object.class)
                .single();
    }

    private void notifyNodes(String payload) {
        jdbc.sql("select pg_notify(?, ?)")
                .params(CHANNEL, payload)
                .query(Object.class)
                .single();
    }

    private static RulesetVersion version(ResultSet rs, int row) throws SQLException {
        Timestamp approvedAt = rs.getTimestamp("approved_at");
        return new RulesetVersion(
                rs.getString("version"),
                rs.getString("author"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("parent"),
                RulesetStatus.valueOf(rs.getString("status")),
                rs.getString("approved_by"),
                approvedAt == null ? null : approvedAt.toInstant());
    }
}
