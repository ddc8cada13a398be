package dev.arbiter.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where decisions are kept: an external PostgreSQL given by JDBC URL, or a real PostgreSQL
 * started from embedded binaries whose data directory survives restarts.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String jdbcUrl, String username, String password, EmbeddedPostgres embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    public static PostgresServer external(String jdbcUrl, String username, String password) {
        // the query part of a JDBC URL may carry a password: log up to the database name only
        log.info("Using external PostgreSQL at {}", jdbcUrl.replaceFirst("\\?.*$", ""));
        return new PostgresServer(jdbcUrl, username, password, null);
    }

    /** Starts PostgreSQL on the data directory, creating the cluster only when the directory holds none. */
    public static PostgresServer embedded(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            String url = pg.getJdbcUrl("postgres", "postgres");
            log.info("Started embedded PostgreSQL (data in {}) at {}", dataDirectory.toAbsolutePath(), url);
            return new PostgresServer(url, "postgres", "", pg);
        } catch (IOException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL in " + dataDirectory.toAbsolutePath()
                    + ": " + e.getMessage() + " (set ARBITER_DB_URL to use an external server instead)", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
