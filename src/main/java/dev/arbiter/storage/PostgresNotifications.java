package dev.arbiter.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a PostgreSQL channel on a connection of its own (a pooled one would be handed to
 * others between polls and lose the {@code LISTEN}), in a background thread that reconnects
 * after a failure. Notifications are at-most-once: whoever relies on them also checks
 * periodically.
 */
public final class PostgresNotifications implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int POLL_MILLIS = 500;

    private final PostgresServer server;
    private final String channel;
    private final Consumer<String> listener;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean running = true;

    public PostgresNotifications(PostgresServer server, String channel, Consumer<String> listener, Duration retry) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.server = server;
        this.channel = channel;
        this.listener = listener;
        this.retry = retry;
        this.thread = new Thread(this::run, "pg-listen-" + channel);
        this.thread.setDaemon(true);
    }

    public PostgresNotifications start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("listening on {} failed, retrying in {}: {}", channel, retry, e.toString());
                    sleep();
                }
            }
        }
    }

    private void deliver(String payload) {
        try {
            listener.accept(payload);
        } catch (RuntimeException e) {
            log.warn("handling notification {} on {} failed: {}", payload, channel, e.toString());
        }
    }

    private void sleep() {
        try {
            Thread.sleep(retry.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
