package dev.arbiter.audit;

import dev.arbiter.hashing.ChainHash;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain in PostgreSQL. Writers add an unlinked entry (record hash, sequence number)
 * inside their own transaction and never wait for one another; the linker, alone under an
 * advisory lock, gives committed entries the next positions in sequence order and chains them.
 */
public final class JdbcChain {

    /** Advisory lock key of the linker, so that across all nodes one links at a time. */
    static final long LINKER_LOCK = 0x61726269_7465720AL;

    private static final int BATCH = 1_000;

    /** The chain's last linked entry. */
    public record Head(long position, String linkHash) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ChainRecords records;
    private final Clock clock;

    public JdbcChain(JdbcClient jdbc, TransactionTemplate tx, ChainRecords records, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.records = records;
        this.clock = clock;
    }

    /** Adds the stored decision to the chain; call inside the transaction that stored it. */
    public void recordDecision(UUID decisionId) {
        insert(
                ChainRecords.DECISION,
                decisionId,
                records.decisions(List.of(decisionId)).get(decisionId).hash());
    }

    /**
     * Adds a decision to the chain from its row as the insert stored it (the columns {@link
     * dev.arbiter.recording.DecisionAppendHook} names), without reading it back; call inside the
     * transaction that stored it.
     */
    public void recordDecision(ResultSet storedRow) throws SQLException {
        insert(
                ChainRecords.DECISION,
                storedRow.getObject("id", UUID.class),
                records.decision(storedRow).hash());
    }

    /** Adds a stored event to the chain; call inside the transaction that stored it. */
    public void recordEvent(UUID eventId) {
        insert(
                ChainRecords.EVENT,
                eventId,
                records.events(List.of(eventId)).get(eventId).hash());
    }

    private void insert(String kind, UUID subject, String recordHash) {
        jdbc.sql("insert into chain_link (subject_kind, subject_id, record_hash, recorded_at) values (?, ?, ?, ?)")
                .params(kind, subject, recordHash, Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Links every committed unlinked entry. With {@code wait} false it gives up at once when
     * another linker holds the lock (the background job); with true it waits (verification).
     *
     * @return how many entries were linked
     */
    public int linkPending(boolean wait) {
        int total = 0;
        while (true) {
            Integer linked = tx.execute(status -> linkBatch(wait));
            total += linked == null ? 0 : linked;
            if (linked == null || linked < BATCH) {
                return total;
            }
        }
    }

    private int linkBatch(boolean wait) {
        String lock = wait ? "select pg_advisory_xact_lock(?)::text" : "select pg_try_advisory_xact_lock(?)::text";
        String got = jdbc.sql(lock).param(LINKER_LOCK).query(String.class).single();
        if ("false".equals(got)) {
            return 0;
        }
        // the head and the entries waiting behind it in one round trip (read after the lock is held)
        Head[] head = {new Head(0, ChainHash.GENESIS)};
        record Pending(long seq, String recordHash) {}
        List<Pending> waiting = new ArrayList<>();
        jdbc.sql("""
                (select true as linked, position as n, link_hash as hash from chain_link
                  where position is not null order by position desc limit 1)
                union all
                (select false, seq, record_hash from chain_link where position is null order by seq limit ?)
                """)
                .param(BATCH)
                .query((rs, row) -> {
                    if (rs.getBoolean("linked")) {
                        head[0] = new Head(rs.getLong("n"), rs.getString("hash"));
                    } else {
                        waiting.add(new Pending(rs.getLong("n"), rs.getString("hash")));
                    }
                    return null;
                })
                .list();
        waiting.sort(java.util.Comparator.comparingLong(Pending::seq));
        List<Long> pending = waiting.stream().map(Pending::seq).toList();
        List<String> hashes = waiting.stream().map(Pending::recordHash).toList();
        if (pending.isEmpty()) {
            return 0;
        }
        int n = pending.size();
        Long[] seqs = new Long[n];
        Long[] positions = new Long[n];
        String[] previous = new String[n];
        String[] links = new String[n];
        String last = head[0].linkHash();
        for (int i = 0; i < n; i++) {
            seqs[i] = pending.get(i);
            positions[i] = head[0].position() + i + 1;
            previous[i] = last;
            last = ChainHash.linkHash(last, hashes.get(i));
            links[i] = last;
        }
        jdbc.sql("""
                update chain_link c
                   set position = v.position, previous_hash = v.previous, link_hash = v.link, linked_at = ?
                  from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) as v(seq, position, previous, link)
                 where c.seq = v.seq
                """)
                .params(Timestamp.from(clock.instant()), seqs, positions, previous, links)
                .update();
        return n;
    }

    public Optional<Head> head() {
        return jdbc.sql(
                        "select position, link_hash from chain_link where position is not null order by position desc limit 1")
                .query((rs, row) -> new Head(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    public long unlinked() {
        return jdbc.sql("select count(*) from chain_link where position is null")
                .query(Long.class)
                .single();
    }

    public Optional<String> linkHashAt(long position) {
        return jdbc.sql("select link_hash from chain_link where position = ?")
                .param(position)
                .query(String.class)
                .optional();
    }

    /** Linked entries with positions in [from, to], their records hashed as they are now. */
    public List<ChainEntry> entries(long from, long to) {
        record Row(long position, String kind, UUID subject, String recordHash, String previous, String link) {}
        List<Row> rows = jdbc.sql("""
                select position, subject_kind, subject_id, record_hash, previous_hash, link_hash
                  from chain_link where position between ? and ? order by position
                """)
                .params(from, to)
                .query((rs, i) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
        List<ChainEntry> entries = new ArrayList<>(rows.size());
        for (int start = 0; start < rows.size(); start += BATCH) {
            List<Row> page = rows.subList(start, Math.min(rows.size(), start + BATCH));
            Map<UUID, ChainRecords.State> decisions = records.decisions(page.stream()
                    .filter(r -> r.kind().equals(ChainRecords.DECISION))
                    .map(Row::subject)
                    .toList());
            Map<UUID, ChainRecords.State> events = records.events(page.stream()
                    .filter(r -> r.kind().equals(ChainRecords.EVENT))
                    .map(Row::subject)
                    .toList());
            for (Row r : page) {
                ChainRecords.State state =
                        (r.kind().equals(ChainRecords.DECISION) ? decisions : events).get(r.subject());
                entries.add(new ChainEntry(
                        r.position(),
                        r.kind(),
                        r.subject(),
                        r.recordHash(),
                        r.previous(),
                        r.link(),
                        state == null ? null : state.hash(),
                        state == null ? null : state.problem()));
            }
        }
        return entries;
    }
}
