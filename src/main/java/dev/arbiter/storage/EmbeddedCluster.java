package dev.arbiter.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts PostgreSQL from the embedded binaries on a data directory, durable: the library starts
 * the server with {@code -F} (no fsync) and synchronous commit switched off, which acknowledges
 * commits that a crash then loses. Settings given with {@code -c} come after {@code -F} on the
 * command line and win, as {@code SHOW fsync} confirms.
 */
final class EmbeddedCluster {

    /** What the server must run with for an answered decision to survive a crash. */
    static final Map<String, String> DURABLE = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on");

    // crash recovery after a kill replays WAL before the server accepts connections
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private EmbeddedCluster() {}

    /**
     * Starts the server; a directory without a cluster gets one created by initdb with password
     * authentication from the first moment (the superuser's password comes from a file that
     * lives only while initdb runs).
     */
    static EmbeddedPostgres start(Path dataDirectory, int port, DatabaseCredentials credentials) throws IOException {
        Path dir = dataDirectory.toAbsolutePath();
        Files.createDirectories(dir);
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                // stopped when Arbiter's context closes (PostgresServer), after the web server has let the
                // requests in flight finish and the audit jobs signed the stop checkpoint; the library's own
                // JVM shutdown hook would stop it at SIGTERM alongside, before either could use it
                .setRegisterShutdownHook(false)
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", credentials.superuserPassword());
        DURABLE.forEach(builder::setServerConfig);
        if (!fresh) {
            return builder.start();
        }
        Path pwfile = credentials.file().resolveSibling("postgres.initdb-password");
        DatabaseCredentials.writePrivate(pwfile, credentials.superuserPassword() + "\n");
        try {
            // initdb receives "-A trust" from the library first; a later --auth wins
            return builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", pwfile.toAbsolutePath().toString())
                    .start();
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** The postmaster of a running cluster, from its pid file. */
    static ProcessHandle postmaster(Path dataDirectory) throws IOException {
        List<String> lines =
                Files.readAllLines(dataDirectory.toAbsolutePath().resolve("postmaster.pid"), StandardCharsets.UTF_8);
        long pid = Long.parseLong(lines.get(0).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new IOException("PostgreSQL (pid " + pid + ") is not running"));
    }

    /** Whether a cluster exists there whose pg_hba.conf still lets anyone in without a password. */
    static boolean trustsAnyone(Path dataDirectory) throws IOException {
        Path hba = dataDirectory.toAbsolutePath().resolve("pg_hba.conf");
        return Files.exists(hba)
                && Files.readAllLines(hba).stream()
                        .map(String::trim)
                        .filter(line -> !line.startsWith("#") && !line.isEmpty())
                        .anyMatch(line -> line.endsWith(" trust") || line.endsWith("\ttrust"));
    }

    static boolean exists(Path dataDirectory) {
        return Files.exists(dataDirectory.toAbsolutePath().resolve("postgresql.conf"));
    }
}
