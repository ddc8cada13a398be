package dev.arbiter.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A request budget per client, across every node on the database: so many requests per period,
 * refused at once (never queued) when spent. One budget per client, shared by its HTTP requests
 * and its decisions on the stream, whichever node they reach.
 *
 * <p>The budget is a fixed window counted in PostgreSQL ({@code client_rate_window}, an unlogged
 * table, one row per client): one upsert per admitted request. A window starts with the client's
 * first request after the previous window ended and lasts one period, timed by the database's
 * clock so that the nodes' clocks do not matter. Once a node has seen a client's budget spent it
 * refuses that client on its own until the window ends, so a flood costs the database at most one
 * statement per node and window beyond the budget. A request's nonce is recorded before it is
 * counted, in a transaction of its own ({@link #admit}), except where the handler records it with
 * its work; a replay found there is given back ({@link #refund}). When the database cannot be
 * reached the node falls back to counting the budget alone (the request then fails on storage
 * anyway).
 *
 * <p>A node that counts a client's requests quickly takes several of its window's requests at once
 * (a lease): the upsert adds the lease to the count, and the node admits that many requests of the
 * client before it asks the database again. A lease starts at one request, doubles each time one
 * is used up inside its window and halves when its window ends with some left, and is at most
 * {@link #maxLease} (one hundredth of the budget, at most 64): with the default budget (100) every
 * request is counted alone. One lease at a time per client and node: a request that finds the
 * lease used up while another is being counted is counted alone. The budget still holds exactly:
 * a lease is granted only out of what the window has left, so no more than the budget is ever
 * admitted in a window. Requests of a lease still unused when its window ends count against the
 * client all the same, so a client may be refused up to {@code maxLease - 1} requests early per
 * node that served it in that window; a node that has seen the budget spent still admits the
 * requests of its lease.
 */
public final class ClientRateLimits {

    private static final Logger log = LoggerFactory.getLogger(ClientRateLimits.class);

    private final JdbcClient jdbc;
    private final NonceStore nonces;
    private final int limit;
    private final long periodMillis;
    /** The period as a PostgreSQL interval. */
    private final String period;

    private final RateLimiterRegistry fallback;
    /** Clients whose budget this node saw spent, with the {@link System#nanoTime()} their window ends. */
    private final Map<String, Long> spentUntil = new ConcurrentHashMap<>();
    /** The most requests of a window taken at once. */
    private final int maxLease;
    /** Each client's lease on this node: requests of its current window counted already and not yet admitted. */
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    ClientRateLimits(JdbcClient jdbc, NonceStore nonces, int requestsPerPeriod, Duration period) {
        this.jdbc = jdbc;
        this.nonces = nonces;
        this.limit = requestsPerPeriod;
        this.periodMillis = Math.max(1, period.toMillis());
        this.period = periodMillis + " milliseconds";
        this.maxLease = maxLease(requestsPerPeriod);
        this.fallback = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerPeriod)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** What {@link #admit} decided for one request. */
    sealed interface Admission permits Admitted, Replayed, Limited {}

    /**
     * Counted in the client's window that started at {@code window} (the database's clock, in
     * microseconds; {@link #LOCAL} when counted on this node alone): what {@link #refund} gives back.
     */
    record Admitted(long window) implements Admission {}

    /** The window of a request counted on this node alone, storage being unavailable: nothing to give back. */
    static final long LOCAL = Long.MIN_VALUE;

    /** The request's nonce was already used with its key: nothing was counted. */
    record Replayed() implements Admission {}

    /** The client's budget is spent: wait this many whole seconds. */
    record Limited(long seconds) implements Admission {}

    /**
     * Records the request's nonce (when given), then counts the request in its client's budget: a
     * replayed nonce is refused and not counted (so replaying a client's captured requests cannot
     * spend its budget), a fresh one is recorded and counted. Without a nonce (a request whose
     * handler records it with its work) only the count. A client this node saw spent is refused
     * before the database, its nonce left unused (nothing was done). With the database unreachable
     * a request with a nonce cannot be admitted: the exception goes to the caller.
     *
     * <p>The nonce and the count are two transactions, not one: the nonce's commit waits for its
     * WAL to reach the disk, and a count in the same transaction would hold the client's window
     * row through that wait, so that a client's concurrent requests queued on the row one flush at
     * a time instead of sharing flushes (group commit). The window is unlogged, so the count's own
     * commit waits for no disk. A crash between the two leaves the nonce used and the request not
     * counted, which costs the client nothing.
     */
    Admission admit(String clientId, SignedNonce nonce) {
        if (nonce != null) {
            long now = System.nanoTime();
            OptionalLong spent = seenSpent(clientId, now);
            Lease lease = leases.get(clientId);
            if (spent.isPresent() && (lease == null || !lease.holds(now))) {
                return new Limited(spent.getAsLong());
            }
            if (!nonces.firstUse(nonce)) {
                return new Replayed();
            }
        }
        return admission(clientId);
    }

    /**
     * Gives back a request that {@link #admit} counted and its handler then refused as a replay
     * (it records the request's nonce with its work, {@code SignedRequests}), so that a replay
     * spends nothing of the budget there either: this node admits one more request of the
     * client's window uncounted. Nothing when that window has ended, or the request was counted
     * on this node alone.
     */
    void refund(String clientId, Admitted admitted) {
        Lease lease = leases.get(clientId);
        if (lease != null && admitted.window() != LOCAL) {
            lease.giveBack(admitted.window(), System.nanoTime());
        }
    }

    /** Empty when the client may go ahead, else the whole seconds to wait before the budget refills. */
    public OptionalLong acquire(String clientId) {
        return admission(clientId) instanceof Limited limited
                ? OptionalLong.of(limited.seconds())
                : OptionalLong.empty();
    }

    /** {@link Admitted} with the window the request was counted in, or {@link Limited}. */
    private Admission admission(String clientId) {
        long now = System.nanoTime();
        Lease lease = leases.computeIfAbsent(clientId, c -> new Lease());
        long taken = lease.take(now);
        if (taken > 0) {
            return new Admitted(taken);
        }
        int asked = (int) -taken;
        try {
            OptionalLong spent = seenSpent(clientId, now);
            if (spent.isPresent()) {
                return new Limited(spent.getAsLong());
            }
            Count count;
            try {
                count = count(clientId, asked);
            } catch (DataAccessException storageDown) {
                log.debug("rate limit counted on this node alone, storage unavailable: {}", storageDown.toString());
                return acquireLocally(clientId);
            }
            // the requests asked for that fit in the budget: the count before them was count - asked
            int granted = (int) Math.max(0, Math.min(asked, (long) limit - (count.requests() - asked)));
            if (granted == 0) {
                OptionalLong wait = judge(clientId, count, now);
                return wait.isPresent() ? new Limited(wait.getAsLong()) : new Admitted(count.windowStart());
            }
            lease.granted(count.windowStart(), granted - 1, now + count.millisLeft() * 1_000_000);
            return new Admitted(count.windowStart());
        } finally {
            if (asked > 1) {
                lease.settled();
            }
        }
    }

    public int limitPerPeriod() {
        return limit;
    }

    /** The most requests of a window a node takes at once for a client: a hundredth of the budget, between 1 and 64. */
    static int maxLease(int requestsPerPeriod) {
        return Math.max(1, Math.min(64, requestsPerPeriod / 100));
    }

    /**
     * A client's lease on this node. {@link #take} admits a request out of it, or says how many
     * requests to count in the database next: a new lease when none is being taken, else this
     * request alone, so that the requests a node holds unused never exceed one lease.
     */
    private final class Lease {
        private int left;
        private long windowStart = Long.MIN_VALUE;
        private long windowEnds;
        private int size = 1;
        /** A lease of more than one request is being counted. */
        private boolean leasing;

        /**
         * The window's start (positive) when a request was admitted out of the lease, else how many
         * requests to count for it, negated.
         */
        synchronized long take(long now) {
            boolean running = windowStart != Long.MIN_VALUE && now - windowEnds < 0;
            if (left > 0) {
                if (running) {
                    left--;
                    return windowStart;
                }
                // the window ended with requests of the lease unused: a smaller one next time
                left = 0;
                size = Math.max(1, size / 2);
            } else if (running && !leasing) {
                // used up inside its window: this node counts the client quickly
                size = Math.min(maxLease, size * 2);
            }
            if (leasing || size == 1) {
                return -1;
            }
            leasing = true;
            return -size;
        }

        /** A request admitted in the window that started at {@code start}, back to the lease if that window is still running. */
        synchronized void giveBack(long start, long now) {
            if (start == windowStart && now - windowEnds < 0) {
                left++;
            }
        }

        /**
         * {@code spare} requests of the window that started at {@code start} (database micros) and
         * ends at {@code ends} ({@link System#nanoTime()}) are this node's to admit.
         */
        synchronized void granted(long start, int spare, long ends) {
            if (start == windowStart) {
                left += spare;
            } else {
                windowStart = start;
                left = spare;
            }
            windowEnds = ends;
        }

        /** Whether requests of the lease are left in a window still running. */
        synchronized boolean holds(long now) {
            return left > 0 && now - windowEnds < 0;
        }

        /** The lease being taken was counted, refused or failed: another may be taken. */
        synchronized void settled() {
            leasing = false;
        }
    }

    private record Count(int requests, long millisLeft, long windowStart) {}

    /** The seconds left of a window in which this node saw the client's budget spent, if it is still running. */
    private OptionalLong seenSpent(String clientId, long now) {
        Long until = spentUntil.get(clientId);
        if (until != null) {
            if (now - until < 0) {
                return OptionalLong.of(seconds((until - now) / 1_000_000));
            }
            spentUntil.remove(clientId, until);
        }
        return OptionalLong.empty();
    }

    /** Within the budget: go ahead; past it: remembered as spent until the window ends, and the wait. */
    private OptionalLong judge(String clientId, Count count, long now) {
        if (count.requests() <= limit) {
            return OptionalLong.empty();
        }
        spentUntil.put(clientId, now + count.millisLeft() * 1_000_000);
        return OptionalLong.of(seconds(count.millisLeft()));
    }

    /**
     * One statement: counts {@code requests} in the client's window, or starts a new window with
     * them when the current one has ended, and returns the count, the milliseconds the window has
     * left and when it started (microseconds, which tell one window from the next).
     * {@code excluded.window_start} is the statement's reading of the database's clock.
     */
    private Count count(String clientId, int requests) {
        return jdbc.sql("""
                        insert into client_rate_window as w (client_id, window_start, requests)
                        values (?, clock_timestamp(), ?)
                        on conflict (client_id) do update set
                            window_start = case when w.window_start + ?::interval <= excluded.window_start
                                                then excluded.window_start else w.window_start end,
                            requests = case when w.window_start + ?::interval <= excluded.window_start
                                            then excluded.requests else w.requests + excluded.requests end
                        returning requests,
                                  (extract(epoch from (window_start + ?::interval - clock_timestamp())) * 1000)::bigint,
                                  (extract(epoch from window_start) * 1000000)::bigint""")
                .params(clientId, requests, period, period, period)
                .query((rs, row) -> new Count(rs.getInt(1), Math.max(0, rs.getLong(2)), rs.getLong(3)))
                .single();
    }

    private Admission acquireLocally(String clientId) {
        RateLimiter limiter = fallback.rateLimiter(clientId);
        if (limiter.acquirePermission()) {
            return new Admitted(LOCAL);
        }
        return new Limited(seconds(periodMillis));
    }

    /** Whole seconds, at least one: what Retry-After can say. */
    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
