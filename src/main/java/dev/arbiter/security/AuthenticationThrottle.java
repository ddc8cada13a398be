package dev.arbiter.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A budget of failed authentications per key id and per remote address. Checking a signature
 * costs a database lookup and a decryption, so once either budget of a request is spent the
 * request is refused before any of that, until the window ends. Successful requests spend
 * nothing. The budgets live in this node's memory: a cluster of N nodes allows up to N times
 * as many failures.
 */
final class AuthenticationThrottle {

    /** Enough for every key id and address active in a window; beyond it the least recent are forgotten. */
    private static final int MAX_TRACKED = 100_000;

    private static final Logger log = LoggerFactory.getLogger(AuthenticationThrottle.class);

    private final RateLimiterConfig perKey;
    private final RateLimiterConfig perAddress;
    private final Cache<String, RateLimiter> limiters;

    AuthenticationThrottle(int failuresPerKey, int failuresPerAddress, Duration period) {
        this.perKey = config(failuresPerKey, period);
        this.perAddress = config(failuresPerAddress, period);
        this.limiters = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(period.multipliedBy(2))
                .build();
    }

    private static RateLimiterConfig config(int failures, Duration period) {
        return RateLimiterConfig.custom()
                .limitForPeriod(failures)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    /** Empty when the request may be checked, else the whole seconds until its budgets refill. */
    OptionalLong refused(String keyId, String address) {
        long wait = Math.max(waitNanos(keyLimiter(keyId, false)), waitNanos(addressLimiter(address, false)));
        return wait <= 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
    }

    /** Spends one failure of each budget; the failure that spends a budget is logged, once per window. */
    void failed(String keyId, String address) {
        spend(keyLimiter(keyId, true), "key id " + keyId, keyId, address);
        spend(addressLimiter(address, true), "address " + address, keyId, address);
    }

    private static void spend(RateLimiter limiter, String what, String keyId, String address) {
        if (limiter != null
                && limiter.acquirePermission()
                && limiter.getMetrics().getAvailablePermissions() == 0) {
            log.warn(
                    "failed authentications throttled for {} (key id {}, address {}): budget of {} per {} spent",
                    what,
                    keyId,
                    address,
                    limiter.getRateLimiterConfig().getLimitForPeriod(),
                    limiter.getRateLimiterConfig().getLimitRefreshPeriod());
        }
    }

    private RateLimiter keyLimiter(String keyId, boolean create) {
        return keyId == null ? null : limiter("key:" + keyId, perKey, create);
    }

    private RateLimiter addressLimiter(String address, boolean create) {
        return limiter("address:" + address, perAddress, create);
    }

    private RateLimiter limiter(String name, RateLimiterConfig config, boolean create) {
        return create ? limiters.get(name, n -> RateLimiter.of(n, config)) : limiters.getIfPresent(name);
    }

    /** How many key ids and addresses have a budget in memory now. */
    long tracked() {
        limiters.cleanUp();
        return limiters.estimatedSize();
    }

    private static long waitNanos(RateLimiter limiter) {
        if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
            return 0;
        }
        return limiter instanceof AtomicRateLimiter atomic
                ? Math.max(1, atomic.getDetailedMetrics().getNanosToWait())
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
    }
}
