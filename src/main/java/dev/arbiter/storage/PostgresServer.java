package dev.arbiter.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where decisions are kept: an external PostgreSQL given by JDBC URL, or a real PostgreSQL
 * started from embedded binaries whose data directory survives restarts. Two sets of
 * credentials: the schema owner's, which migrations use, and the application's, which the pool
 * uses (for an external server without owner credentials, both are the application's).
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration SUPERVISION = Duration.ofMillis(500);

    private final String jdbcUrl;
    private final Login app;
    private final Login owner;
    private final PostgresSupervisor supervisor;

    /** A role and its password. */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    private PostgresServer(String jdbcUrl, Login app, Login owner, PostgresSupervisor supervisor) {
        this.jdbcUrl = jdbcUrl;
        this.app = app;
        this.owner = owner;
        this.supervisor = supervisor;
    }

    /** An external server; {@code owner} may be null, and migrations then run as the application role. */
    public static PostgresServer external(String jdbcUrl, Login app, Login owner) {
        // the query part of a JDBC URL may carry a password: log up to the database name only
        log.info("Using external PostgreSQL at {}", jdbcUrl.replaceFirst("\\?.*$", ""));
        return new PostgresServer(jdbcUrl, app, owner == null ? app : owner, null);
    }

    /**
     * Starts PostgreSQL on the data directory, creating the cluster only when the directory holds
     * none, with passwords kept in {@code keysDir}. A postmaster left running on this directory by
     * an Arbiter that was killed is stopped first.
     */
    public static PostgresServer embedded(Path dataDirectory, int port, Path keysDir) {
        Path dir = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            DatabaseCredentials credentials = DatabaseCredentials.loadOrCreate(keysDir);
            if (credentials.created() && EmbeddedCluster.exists(dir) && !EmbeddedCluster.trustsAnyone(dir)) {
                Files.delete(credentials.file());
                throw new IllegalStateException(
                        "the PostgreSQL in " + dir + " requires the passwords that were kept in "
                                + credentials.file().toAbsolutePath()
                                + ", which is gone: restore it from a backup of the keys directory");
            }
            OrphanedPostmaster.stopIfAny(dir);
            EmbeddedPostgres pg = EmbeddedCluster.start(dir, port, credentials);
            ClusterRoles.provision(pg.getDatabase(DatabaseCredentials.SUPERUSER, "postgres"), dir, credentials);
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            log.info("Started embedded PostgreSQL (data in {}) at {}", dir, url);
            return new PostgresServer(
                    url,
                    new Login(DatabaseCredentials.APP, credentials.appPassword()),
                    new Login(DatabaseCredentials.OWNER, credentials.ownerPassword()),
                    new PostgresSupervisor(pg, dir, credentials, SUPERVISION));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(
                    "could not start embedded PostgreSQL in " + dir + ": " + e.getMessage()
                            + " (set ARBITER_DB_URL to use an external server instead)",
                    e);
        }
    }

    /** The embedded server on a directory with its keys beside it, for tools that need a scratch database. */
    public static PostgresServer embedded(Path dataDirectory, int port) {
        return embedded(
                dataDirectory,
                port,
                dataDirectory.toAbsolutePath().resolveSibling(dataDirectory.getFileName() + "-keys"));
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The application role: what the pool connects as. */
    public Login app() {
        return app;
    }

    /** The schema owner: what migrations connect as. */
    public Login owner() {
        return owner;
    }

    public String username() {
        return app.username();
    }

    public String password() {
        return app.password();
    }

    /** A plain, unpooled data source logged in as the given role. */
    public DataSource dataSource(Login login) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(login.username());
        ds.setPassword(login.password());
        return ds;
    }

    public boolean isEmbedded() {
        return supervisor != null;
    }

    /** The embedded postmaster's process id (it changes when the supervisor restarts it). */
    public long postmasterPid() {
        if (supervisor == null) {
            throw new IllegalStateException("an external PostgreSQL has no postmaster here");
        }
        return supervisor.postmasterPid();
    }

    @Override
    public void close() throws IOException {
        if (supervisor != null) {
            supervisor.close();
        }
    }
}
