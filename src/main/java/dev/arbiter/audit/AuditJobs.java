package dev.arbiter.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The background work of the audit trail on one daemon thread: link committed records into
 * the chain, sign the head at intervals, purge personal data past its retention. A failure
 * (storage down) is logged and retried at the next tick; decisions never wait for it.
 */
final class AuditJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditJobs.class);

    private final AuditProperties audit;
    private final JdbcChain chain;
    private final JdbcCheckpoints checkpoints;
    private final JdbcPurge purge;
    private ScheduledExecutorService executor;

    AuditJobs(AuditProperties audit, JdbcChain chain, JdbcCheckpoints checkpoints, JdbcPurge purge) {
        this.audit = audit;
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.purge = purge;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "arbiter-audit");
            thread.setDaemon(true);
            return thread;
        });
        every(audit.linkInterval(), "link", () -> chain.linkPending(false));
        every(audit.checkpointInterval(), "checkpoint", () -> {
            chain.linkPending(false);
            checkpoints.signHead();
        });
        every(audit.retention().purgeInterval(), "purge", () -> {
            int purged = purge.purgeDue();
            if (purged > 0) {
                log.info("purged the personal data of {} decisions past their retain-until date", purged);
            }
        });
    }

    /** Runs a job at a fixed delay on the audit thread; zero or negative turns it off. */
    private void every(Duration interval, String name, Runnable job) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            return;
        }
        long millis = interval.toMillis();
        // while storage is down the linker fails twice a second: say so once, and once when it recovers
        AtomicBoolean failing = new AtomicBoolean();
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
                if (failing.getAndSet(false)) {
                    log.info("audit job {} works again", name);
                }
            } catch (RuntimeException e) {
                if (!failing.getAndSet(true)) {
                    log.warn("audit job {} failed, retrying every {}: {}", name, interval, e.toString());
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
