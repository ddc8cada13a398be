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
 * counted, in a transaction of its own ({@link #admit}). When the database cannot be reached the node
 * falls back to counting the budget alone (the request then fails on storage anyway).
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

    ClientRateLimits(JdbcClient jdbc, NonceStore nonces, int requestsPerPeriod, Duration period) {
        this.jdbc = jdbc;
        this.nonces = nonces;
        this.limit = requestsPerPeriod;
        this.periodMillis = Math.max(1, period.toMillis());
        this.period = periodMillis + " milliseconds";
        this.fallback = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerPeriod)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** What {@link #admit} decided for one request. */
    sealed interface Admission permits Admitted, Replayed, Limited {}

    record Admitted() implements Admission {}

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
            OptionalLong spent = seenSpent(clientId, System.nanoTime());
            if (spent.isPresent()) {
                return new Limited(spent.getAsLong());
            }
            if (!nonces.firstUse(nonce)) {
                return new Replayed();
            }
        }
        OptionalLong wait = acquire(clientId);
        return wait.isPresent() ? new Limited(wait.getAsLong()) : new Admitted();
    }

    /** Empty when the client may go ahead, else the whole seconds to wait before the budget refills. */
    public OptionalLong acquire(String clientId) {
        long now = System.nanoTime();
        OptionalLong spent = seenSpent(clientId, now);
        if (spent.isPresent()) {
            return spent;
        }
        Count count;
        try {
            count = count(clientId);
        } catch (DataAccessException storageDown) {
            log.debug("rate limit counted on this node alone, storage unavailable: {}", storageDown.toString());
            return acquireLocally(clientId);
        }
        return judge(clientId, count, now);
    }

    public int limitPerPeriod() {
        return limit;
    }

    private record Count(int requests, long millisLeft) {}

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
     * One statement: counts the request in the client's window, or starts a new window with it
     * when the current one has ended, and returns the count and the milliseconds the window has
     * left. {@code excluded.window_start} is the statement's reading of the database's clock.
     */
    private Count count(String clientId) {
        return jdbc.sql("""
                        insert into client_rate_window as w (client_id, window_start, requests)
                        values (?, clock_timestamp(), 1)
                        on conflict (client_id) do update set
                            window_start = case when w.window_start + ?::interval <= excluded.window_start
                                                then excluded.window_start else w.window_start end,
                            requests = case when w.window_start + ?::interval <= excluded.window_start
                                            then 1 else w.requests + 1 end
                        returning requests,
                                  (extract(epoch from (window_start + ?::interval - clock_timestamp())) * 1000)::bigint""")
                .params(clientId, period, period, period)
                .query((rs, row) -> new Count(rs.getInt(1), Math.max(0, rs.getLong(2))))
                .single();
    }

    private OptionalLong acquireLocally(String clientId) {
        RateLimiter limiter = fallback.rateLimiter(clientId);
        if (limiter.acquirePermission()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(seconds(periodMillis));
    }

    /** Whole seconds, at least one: what Retry-After can say. */
    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}
