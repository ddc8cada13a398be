package dev.arbiter.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A request budget per client: so many requests per period, refused at once (never queued) when
 * spent. One budget per client, shared by its HTTP requests and its decisions on the stream.
 */
public final class ClientRateLimits {

    private final RateLimiterRegistry registry;

    ClientRateLimits(int requestsPerPeriod, Duration period) {
        this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(requestsPerPeriod)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** Empty when the client may go ahead, else the whole seconds to wait before the budget refills. */
    public OptionalLong acquire(String clientId) {
        RateLimiter limiter = registry.rateLimiter(clientId);
        if (limiter.acquirePermission()) {
            return OptionalLong.empty();
        }
        // the budget refills at the start of the next period, at most one period away
        long nanos = limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    public int limitPerPeriod() {
        return registry.getDefaultConfig().getLimitForPeriod();
    }
}
