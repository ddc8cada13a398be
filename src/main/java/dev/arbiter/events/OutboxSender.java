package dev.arbiter.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox to Kafka: one thread per node, woken after each commit that stored an event
 * and every {@code sweepEvery}; across the nodes one sends at a time (an advisory lock held for
 * a round), and any node takes over from one that died (its lock goes with its connection).
 *
 * <p>A round, in one transaction under the lock, reads the oldest rows by {@code seq} and sends,
 * of each application (key), only its oldest unsent event; it waits for the broker's
 * acknowledgements (acks=all) and deletes the acknowledged rows. So an application's next event
 * is sent only in a later round, after its predecessor was acknowledged and removed: the first
 * copy of each event on the topic comes after the first copy of every earlier event of its
 * application, whatever the producer does with requests after a failed one (with several in
 * flight, an idempotent producer that gives up on one batch may still write the batches after
 * it). Events of different applications go out together, and a failed one holds back only its
 * own application's later events.
 *
 * <p>Delivery is at least once. A row is deleted only after its acknowledgement, so an outage or
 * a crash delays events and loses none; a copy is sent twice when a node dies between the
 * acknowledgement and the commit of the delete, or when a send reported as failed had reached
 * the broker after all: the same {@code eventId} both times. After a round in which a send
 * failed the sender waits a second, doubling while nothing at all is acknowledged, up to
 * {@code retryBackoffMax}, before it tries again.
 */
final class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /** Advisory lock key of the sender, so that across all nodes one sends at a time. */
    static final long SENDER_LOCK = 0x61726269_7465720BL;

    /** Events sent in one round at most (each of a different application). */
    static final int BATCH = 500;

    /** How far into the queue a round looks for applications with an event to send. */
    static final int SCAN = 5_000;

    private static final Duration BUSY_RETRY = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    /** The topic, how often to look without being woken, the longest wait after failures, the send timeout. */
    record Settings(String topic, Duration sweepEvery, Duration retryBackoffMax, Duration sendTimeout) {}

    /** What one round did: another node held the lock, or how many events were acknowledged and not. */
    private record Round(boolean busy, int acknowledged, int failed, boolean more, String cause) {
        static final Round BUSY = new Round(true, 0, 0, false, null);
        static final Round EMPTY = new Round(false, 0, 0, false, null);
    }

    private record Row(long seq, String key, String payload, long waiting) {}

    private record Sending(Row row, CompletableFuture<?> ack) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaOperations<Object, Object> kafka;
    private final Settings settings;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Object monitor = new Object();
    private boolean woken; // guarded by monitor
    private volatile boolean running;
    private Thread thread;

    OutboxSender(JdbcClient jdbc, TransactionTemplate tx, KafkaOperations<Object, Object> kafka, Settings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = settings;
    }

    /** Asks for a round soon (after a commit that stored an event); a round already due absorbs it. */
    void wake() {
        synchronized (monitor) {
            woken = true;
            monitor.notifyAll();
        }
    }

    /** Events the broker has acknowledged, from this node. */
    long sent() {
        return sent.get();
    }

    /** Sends that failed or were not attempted because the broker could not be reached, from this node. */
    long failures() {
        return failures.get();
    }

    private void run() {
        int failing = 0;
        Duration delay = Duration.ZERO; // a start sends what is waiting
        while (running) {
            // after a failure only the timer ends the wait: commits during an outage do not hurry it
            pause(delay, failing == 0);
            if (!running) {
                break;
            }
            Round round = attempt();
            if (round.failed() > 0) {
                // the wait grows while nothing gets through (an outage); a partition away holds the rest for a second
                failing = round.acknowledged() > 0 ? 1 : failing + 1;
                delay = backoff(failing);
                log.warn(
                        "{} decision event(s) not acknowledged by Kafka ({}), {} acknowledged; trying again in {}",
                        round.failed(),
                        round.cause(),
                        round.acknowledged(),
                        delay);
            } else {
                if (failing > 0) {
                    log.info("Kafka acknowledges decision events again");
                }
                failing = 0;
                // more: later events of the applications just sent, or beyond the batch; what commits
                // after this round's read has woken the sender already
                delay = round.busy() ? BUSY_RETRY : round.more() ? Duration.ZERO : settings.sweepEvery();
            }
        }
        if (failing == 0) {
            // what requests committed while the web server drained, unless the broker is away
            attempt();
        }
    }

    private Duration backoff(int failing) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(failing - 1, 20));
        return d.compareTo(settings.retryBackoffMax()) > 0 ? settings.retryBackoffMax() : d;
    }

    private void pause(Duration delay, boolean wakeable) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (monitor) {
            try {
                while (running && !(wakeable && woken)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    monitor.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }

    private Round attempt() {
        try {
            Round round = tx.execute(status -> round());
            return round == null ? Round.EMPTY : round;
        } catch (RuntimeException e) {
            // the database: the acknowledged rows stay and are sent again (same eventId)
            log.warn("sending decision events failed: {}", e.toString());
            return new Round(false, 0, 1, false, e.toString());
        }
    }

    private Round round() {
        Boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(?)")
                .param(SENDER_LOCK)
                .query(Boolean.class)
                .single();
        if (!Boolean.TRUE.equals(mine)) {
            return Round.BUSY;
        }
        // of the oldest rows, each application's first: its later events wait for a later round
        List<Row> rows = jdbc.sql("""
                        select seq, key, payload::text, waiting from (
                          select seq, key, payload, row_number() over (partition by key order by seq) as nth,
                                 count(*) over () as waiting
                            from (select seq, key, payload from event_outbox order by seq limit ?) oldest
                        ) firsts
                         where nth = 1
                         order by seq
                         limit ?
                        """)
                .params(SCAN, BATCH)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .list();
        if (rows.isEmpty()) {
            return Round.EMPTY;
        }
        List<Sending> sending = new ArrayList<>(rows.size());
        for (Row row : rows) {
            CompletableFuture<?> ack;
            try {
                ack = kafka.send(settings.topic(), row.key(), row.payload().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            sending.add(new Sending(row, ack));
            if (ack.isCompletedExceptionally()) {
                // no metadata, no connection: the rest would each wait as long again
                break;
            }
        }
        long deadline =
                System.nanoTime() + settings.sendTimeout().plusSeconds(5).toNanos();
        List<Long> acknowledged = new ArrayList<>(sending.size());
        Throwable first = null;
        for (Sending s : sending) {
            try {
                s.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(s.row().seq());
            } catch (ExecutionException | TimeoutException e) {
                first = first == null ? (e.getCause() == null ? e : e.getCause()) : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                first = first == null ? e : first;
                break;
            }
        }
        if (!acknowledged.isEmpty()) {
            jdbc.sql("delete from event_outbox where seq = any(?::bigint[])")
                    .param(acknowledged.toArray(Long[]::new))
                    .update();
        }
        int failed = rows.size() - acknowledged.size();
        sent.addAndGet(acknowledged.size());
        failures.addAndGet(failed);
        boolean more = rows.get(0).waiting() > rows.size();
        return new Round(false, acknowledged.size(), failed, more, first == null ? "not sent" : rootCause(first));
    }

    /** The client's own reason (a timeout, a refused connection) under Spring's wrappers. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getMessage() + ": " + root;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "arbiter-event-sender");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        if (thread == null) {
            return;
        }
        try {
            thread.join(settings.sendTimeout().plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server has stopped taking requests (it stops at DEFAULT_PHASE - 2048 and earlier). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
