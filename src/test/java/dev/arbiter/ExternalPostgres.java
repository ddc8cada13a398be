package dev.arbiter;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL server of its own, set up as README's "Database roles" tells a DBA, for starts
 * that must use an external database (the production profile refuses the embedded one).
 */
public final class ExternalPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final int port;

    private ExternalPostgres(EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ExternalPostgres start() throws IOException, SQLException {
        Path dir = Path.of("target/it-postgres/external-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        createRolesAsDocumented(server);
        return new ExternalPostgres(server, port);
    }

    /** The statements README's "Database roles" section gives a DBA, run as the server's superuser. */
    public static void createRolesAsDocumented(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create role arbiter_owner login password 'owner-secret'");
            s.execute("create role arbiter_app nologin");
            s.execute("create role arbiter login password 'app-secret' in role arbiter_app");
            s.execute("create database arbiter owner arbiter_owner");
        }
        try (Connection c = pg.getDatabase("postgres", "arbiter").getConnection();
                Statement s = c.createStatement()) {
            s.execute("alter schema public owner to arbiter_owner");
            s.execute("revoke create on schema public from public");
            s.execute("revoke all on database arbiter from public");
            s.execute("grant connect on database arbiter to arbiter_owner, arbiter_app");
        }
    }

    /** The settings that point Arbiter at this server, as {@code key=value} properties. */
    public String[] settings() {
        return new String[] {
            "arbiter.db.url=jdbc:postgresql://127.0.0.1:" + port + "/arbiter",
            "arbiter.db.username=arbiter",
            "arbiter.db.password=app-secret",
            "arbiter.db.owner-username=arbiter_owner",
            "arbiter.db.owner-password=owner-secret"
        };
    }

    public int port() {
        return port;
    }

    /** The server's superuser on {@code database}: for what a DBA does (create databases, dump, restore). */
    public javax.sql.DataSource superuser(String database) {
        return server.getDatabase("postgres", database);
    }

    /** Arbiter's schema owner on its database, which may read and tamper with every table. */
    public org.springframework.jdbc.core.simple.JdbcClient owner() {
        org.postgresql.ds.PGSimpleDataSource owner = new org.postgresql.ds.PGSimpleDataSource();
        owner.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/arbiter");
        owner.setUser("arbiter_owner");
        owner.setPassword("owner-secret");
        return org.springframework.jdbc.core.simple.JdbcClient.create(owner);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
