package dev.arbiter.security;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Nonces in PostgreSQL: the primary key makes "first use" atomic across every node. */
public final class JdbcNonceStore implements NonceStore {

    private final JdbcClient jdbc;

    public JdbcNonceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
