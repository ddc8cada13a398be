package dev.arbiter;

import dev.arbiter.storage.DatabaseCredentials;
import dev.arbiter.storage.PostgresServer;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema owner's connection, for tests that edit or remove stored rows the way someone with
 * the database's owner password could: Arbiter's own role is not allowed to; and the superuser's.
 */
public final class OwnerJdbc {

    private OwnerJdbc() {}

    public static JdbcClient of(ApplicationContext context) {
        return of(context.getBean(PostgresServer.class));
    }

    public static JdbcClient of(PostgresServer server) {
        return JdbcClient.create(server.dataSource(server.owner()));
    }

    /**
     * The cluster's superuser on an embedded PostgreSQL whose passwords are kept in {@code keysDir}:
     * for tests that change the server's settings or read its statistics.
     */
    public static JdbcClient superuser(PostgresServer server, Path keysDir) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl());
        ds.setUser(DatabaseCredentials.SUPERUSER);
        ds.setPassword(DatabaseCredentials.loadOrCreate(keysDir).superuserPassword());
        return JdbcClient.create(ds);
    }
}
