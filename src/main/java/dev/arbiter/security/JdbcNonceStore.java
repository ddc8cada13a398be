package dev.arbiter.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Nonces in PostgreSQL: the primary key makes "first use" atomic across every node. */
public final class JdbcNonceStore implements NonceStore {

    private final JdbcClient jdbc;

    public JdbcNonceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The recording of a deferred nonce as part of a statement of the caller's (a data-modifying
     * CTE): an insert that returns one row if the nonce was unused and none if it was used, with
     * the same wait as {@link #firstUse}: a transaction recording the same nonce concurrently is
     * waited for, and if it commits the nonce counts as used.
     *
     * @param sql    the insert, with {@code ?} placeholders
     * @param params their values, in order
     */
    public record FirstUse(String sql, List<Object> params) {}

    public FirstUse firstUseStatement(SignedNonce nonce) {
        return new FirstUse(
                "insert into request_nonce (key_id, nonce, seen_at) values (?, ?, ?) on conflict do nothing returning 1",
                List.of(nonce.keyId(), nonce.nonce(), Timestamp.from(nonce.seenAt())));
    }

    @Override
    public boolean firstUse(String keyId, String nonce, Instant seenAt) {
        return jdbc.sql("insert into request_nonce (key_id, nonce, seen_at) values (?, ?, ?) on conflict do nothing")
                        .params(keyId, nonce, Timestamp.from(seenAt))
                        .update()
                == 1;
    }

    @Override
    public int purgeBefore(Instant before) {
        return jdbc.sql("delete from request_nonce where seen_at < ?")
                .param(Timestamp.from(before))
                .update();
    }
}
