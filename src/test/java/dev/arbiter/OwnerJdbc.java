package dev.arbiter;

import dev.arbiter.storage.PostgresServer;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The schema owner's connection, for tests that edit or remove stored rows the way someone with
 * the database's owner password could: Arbiter's own role is not allowed to.
 */
public final class OwnerJdbc {

    private OwnerJdbc() {}

    public static JdbcClient of(ApplicationContext context) {
        return of(context.getBean(PostgresServer.class));
    }

    public static JdbcClient of(PostgresServer server) {
        return JdbcClient.create(server.dataSource(server.owner()));
    }
}
