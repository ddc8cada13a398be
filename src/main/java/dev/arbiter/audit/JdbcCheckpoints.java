package dev.arbiter.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Signed checkpoints of the chain head, and the public keys that signed them. */
public final class JdbcCheckpoints {

    private final JdbcClient jdbc;
    private final JdbcChain chain;
    private final SigningKey key;
    private final Clock clock;
    private final Consumer<Checkpoint> outside;

    public JdbcCheckpoints(JdbcClient jdbc, JdbcChain chain, SigningKey key, Clock clock) {
        this(jdbc, chain, key, clock, checkpoint -> {});
    }

    /** @param outside where each checkpoint is also kept, outside the database, once it is stored */
    public JdbcCheckpoints(
            JdbcClient jdbc, JdbcChain chain, SigningKey key, Clock clock, Consumer<Checkpoint> outside) {
        this.jdbc = jdbc;
        this.chain = chain;
        this.key = key;
        this.clock = clock;
        this.outside = outside;
    }

    /** Records this node's public key so that its checkpoints verify after the key is rotated away. */
    public void registerKey() {
        jdbc.sql(
                        "insert into audit_public_key (key_id, public_key, first_seen) values (?, ?, ?) on conflict do nothing")
                .params(key.keyId(), key.publicKeyBase64(), Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Signs the current head unless the latest checkpoint already covers it (or the chain is
     * empty). Call after linking.
     */
    public Optional<Checkpoint> signHead() {
        return signHead(false);
    }

    /**
     * Signs the current head when the latest checkpoint lags it by {@code links} or more.
     * Call after linking.
     */
    public Optional<Checkpoint> signHeadIfBehindBy(long links) {
        Optional<JdbcChain.Head> head = chain.head();
        long signed = latest().map(Checkpoint::position).orElse(0L);
        if (head.isEmpty() || head.get().position() - signed < links) {
            return Optional.empty();
        }
        return signHead(false);
    }

    /**
     * @param again sign even when the latest checkpoint covers the head already: at start and
     *              stop, so that every run of a node leaves a signed, dated head behind it
     */
    public Optional<Checkpoint> signHead(boolean again) {
        Optional<JdbcChain.Head> head = chain.head();
        if (head.isEmpty()
                || !again
                        && latest().map(c -> c.position() >= head.get().position())
                                .orElse(false)) {
            return Optional.empty();
        }
        // PostgreSQL keeps microseconds: sign the instant as it will read back
        Instant signedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long position = head.get().position();
        String hash = head.get().linkHash();
        String signature = key.sign(Checkpoint.message(position, hash, signedAt, key.keyId()));
        Long id = jdbc.sql("""
                insert into chain_checkpoint (position, head_hash, signed_at, key_id, signature)
                values (?, ?, ?, ?, ?) returning id
                """)
                .params(position, hash, Timestamp.from(signedAt), key.keyId(), signature)
                .query(Long.class)
                .single();
        Checkpoint checkpoint = new Checkpoint(id, position, hash, signedAt, key.keyId(), signature);
        outside.accept(checkpoint);
        return Optional.of(checkpoint);
    }

    public Optional<Checkpoint> latest() {
        return jdbc.sql("select * from chain_checkpoint order by position desc, id desc limit 1")
                .query((rs, row) -> map(rs))
                .optional();
    }

    /** The latest {@code limit} checkpoints, newest first: what the console's audit screen lists. */
    public List<Checkpoint> recent(int limit) {
        return jdbc.sql("select * from chain_checkpoint order by position desc, id desc limit ?")
                .param(limit)
                .query((rs, row) -> map(rs))
                .list();
    }

    /** Checkpoints past {@code position}, oldest first, at most {@code limit}: what a witness fetches. */
    public List<Checkpoint> after(long position, int limit) {
        return jdbc.sql("select * from chain_checkpoint where position > ? order by position, id limit ?")
                .params(position, limit)
                .query((rs, row) -> map(rs))
                .list();
    }

    public List<Checkpoint> between(long from, long to) {
        return jdbc.sql("select * from chain_checkpoint where position between ? and ? order by position, id")
                .params(from, to)
                .query((rs, row) -> map(rs))
                .list();
    }

    /** This node's key for its own id; a stored public key for any other. */
    public Optional<byte[]> publicKey(String keyId) {
        if (key.keyId().equals(keyId)) {
            return Optional.of(key.publicKey());
        }
        return jdbc.sql("select public_key from audit_public_key where key_id = ?")
                .param(keyId)
                .query(String.class)
                .optional()
                .map(Base64.getDecoder()::decode)
                .filter(bytes -> SigningKey.keyId(bytes).equals(keyId));
    }

    private static Checkpoint map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Checkpoint(
                rs.getLong("id"),
                rs.getLong("position"),
                rs.getString("head_hash"),
                rs.getObject("signed_at", OffsetDateTime.class).toInstant(),
                rs.getString("key_id"),
                rs.getString("signature"));
    }
}
