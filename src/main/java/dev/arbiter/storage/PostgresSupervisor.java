package dev.arbiter.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL running: when its postmaster dies (killed, crashed), starts it
 * again on the same data directory and the same port, so the pool's JDBC URL stays valid and
 * Arbiter recovers without a restart. Meanwhile requests answer 503; PostgreSQL's crash
 * recovery replays its WAL, so every commit it acknowledged is back.
 */
final class PostgresSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresSupervisor.class);

    private final Path dataDirectory;
    private final int port;
    private final DatabaseCredentials credentials;
    private final ScheduledExecutorService watch;
    private volatile EmbeddedPostgres server;
    private volatile ProcessHandle postmaster;
    private volatile boolean closed;

    PostgresSupervisor(EmbeddedPostgres server, Path dataDirectory, DatabaseCredentials credentials, Duration every)
            throws IOException {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.port = server.getPort();
        this.credentials = credentials;
        this.postmaster = EmbeddedCluster.postmaster(dataDirectory);
        this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "postgres-supervisor");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    EmbeddedPostgres server() {
        return server;
    }

    /** The postmaster's process id now; it changes with every restart. */
    long postmasterPid() {
        return postmaster.pid();
    }

    private void check() {
        if (closed || postmaster.isAlive() || jvmShuttingDown()) {
            return;
        }
        log.error(
                "Embedded PostgreSQL (pid {}) has stopped: starting it again on {} port {}",
                postmaster.pid(),
                dataDirectory.toAbsolutePath(),
                port);
        long started = System.nanoTime();
        try {
            // releases the old instance's lock on the directory; its stop finds nothing to stop
            server.close();
            synchronized (this) {
                if (closed) {
                    return;
                }
                server = EmbeddedCluster.start(dataDirectory, port, credentials);
                postmaster = EmbeddedCluster.postmaster(dataDirectory);
            }
            log.warn(
                    "Embedded PostgreSQL is back (pid {}) after {} ms",
                    postmaster.pid(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // tried again at the next check
            log.error("Embedded PostgreSQL did not start again: {}", e.toString());
        }
    }

    /**
     * The library stops the server from a shutdown hook of its own, which may run before Arbiter
     * closes this supervisor: a server stopped then must stay stopped.
     */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        watch.shutdownNow();
        server.close();
    }
}
