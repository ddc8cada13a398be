package dev.arbiter.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Clients and keys on PostgreSQL (tables {@code api_client}, {@code api_key}). */
public final class JdbcKeyStore implements KeyStore {

    private final JdbcClient jdbc;

    public JdbcKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long clientCount() {
        return jdbc.sql("select count(*) from api_client").query(Long.class).single();
    }

    @Override
    public Optional<StoredClient> client(String clientId) {
        return jdbc.sql("select * from api_client where client_id = ?")
                .param(clientId)
                .query(this::mapClient)
                .optional();
    }

    @Override
    public List<StoredClient> clients() {
        return jdbc.sql("select * from api_client order by created_at, client_id")
                .query(this::mapClient)
                .list();
    }

    @Override
    public void createClient(StoredClient c) {
        jdbc.sql("insert into api_client (client_id, name, created_at) values (?, ?, ?)")
                .params(c.clientId(), c.name(), Timestamp.from(c.createdAt()))
                .update();
    }

    @Override
    public Optional<StoredKey> key(String keyId) {
        return jdbc.sql("select * from api_key where key_id = ?")
                .param(keyId)
                .query(this::mapKey)
                .optional();
    }

    @Override
    public List<StoredKey> keys(String clientId) {
        return jdbc.sql("select * from api_key where client_id = ? order by created_at, key_id")
                .param(clientId)
                .query(this::mapKey)
                .list();
    }

    @Override
    public void addKey(StoredKey k) {
        jdbc.sql("""
                insert into api_key (key_id, client_id, role, environment, not_before, not_after, revoked_at,
                    sealed_secret, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(
                        k.keyId(),
                        k.clientId(),
                        k.role().name(),
                        k.environment().name(),
                        ts(k.notBefore()),
                        ts(k.notAfter()),
                        ts(k.revokedAt()),
                        k.sealedSecret(),
                        ts(k.createdAt()))
                .update();
    }

    @Override
    public boolean linkPerson(String clientId, String person) {
        return jdbc.sql("update api_client set person = ? where client_id = ?")
                        .params(person, clientId)
                        .update()
                == 1;
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        jdbc.sql("update api_key set revoked_at = ? where key_id = ? and revoked_at is null")
                .params(ts(at), keyId)
                .update();
        return key(keyId).isPresent();
    }

    private StoredClient mapClient(ResultSet rs, int row) throws SQLException {
        return new StoredClient(
                rs.getString("client_id"),
                rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("person"));
    }

    private StoredKey mapKey(ResultSet rs, int row) throws SQLException {
        return new StoredKey(
                rs.getString("key_id"),
                rs.getString("client_id"),
                Role.valueOf(rs.getString("role")),
                KeyEnvironment.valueOf(rs.getString("environment")),
                instant(rs, "not_before"),
                instant(rs, "not_after"),
                instant(rs, "revoked_at"),
                rs.getBytes("sealed_secret"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
