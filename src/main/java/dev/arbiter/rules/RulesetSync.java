package dev.arbiter.rules;

import dev.arbiter.storage.PostgresNotifications;
import dev.arbiter.storage.PostgresServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node on the version the database says is active: at once when another node
 * announces an activation, and every {@code interval} in case an announcement was lost (a
 * dropped listening connection misses what was sent meanwhile).
 */
final class RulesetSync implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesetSync.class);

    private final RulesetAuthoring authoring;
    private final PostgresNotifications notifications;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ruleset-sync");
        thread.setDaemon(true);
        return thread;
    });

    RulesetSync(RulesetAuthoring authoring, PostgresServer server, Duration interval) {
        this.authoring = authoring;
        this.notifications = new PostgresNotifications(
                        server, JdbcRulesetStore.CHANNEL, payload -> synchronise(), Duration.ofSeconds(1))
                .start();
        timer.scheduleWithFixedDelay(
                this::synchronise, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void synchronise() {
        try {
            authoring.synchronise();
        } catch (RuntimeException e) {
            log.warn("could not bring the ruleset in line with the database: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        notifications.close();
    }
}
