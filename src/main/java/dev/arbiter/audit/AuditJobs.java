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
 * the chain, sign the head (at start, every so many links, at intervals, and at a graceful
 * stop), purge personal data past its retention. A failure (storage down) is logged and
 * retried at the next tick; decisions never wait for it.
 *
 * <p>It starts before and stops after the web server, so the stop checkpoint signs the last
 * decision a client was answered for.
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
        // before the web server opens: verify must know the key that signs from the first request on
        checkpoints.registerKey();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "arbiter-audit");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> {
            try {
                signAgain("start");
            } catch (RuntimeException e) {
                log.warn("could not sign the chain head at start: {}", e.toString());
            }
        });
        // also when someone else (verify, an on-demand checkpoint) did the linking
        every(audit.linkInterval(), "link", () -> {
            chain.linkPending(false);
            checkpoints.signHeadIfBehindBy(Math.max(1, audit.checkpointEveryLinks()));
        });
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
        executor.scheduleWithFixedDelay(
                () -> {
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
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    private void signAgain(String when) {
        chain.linkPending(true);
        checkpoints
                .signHead(true)
                .ifPresent(c -> log.info("signed the chain head at {}: position {}", when, c.position()));
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        try {
            signAgain("stop");
        } catch (RuntimeException e) {
            log.warn("could not sign the chain head at stop: {}", e.toString());
        }
    }

    /** After the web server has stopped taking requests (it stops at DEFAULT_PHASE - 2048 and earlier). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
