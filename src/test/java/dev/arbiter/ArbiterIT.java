package dev.arbiter;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Arbiter as it runs: the whole application on a random port over a real embedded
 * PostgreSQL in a fresh data directory, with fresh local keys (one file per role, see
 * {@link Keys}). Test classes that share it share one instance.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "arbiter.db.data-dir=target/it-postgres/${random.uuid}",
            "arbiter.security.keys-dir=target/it-keys/${random.uuid}",
            // many test classes share one instance and one local originator: the per-client
            // limit is tested on its own (FirstStartIT), not by accident here
            "arbiter.security.rate-limit=1000000",
            // likewise the failed-authentication budgets: the tests that fail on purpose all come from
            // 127.0.0.1, many with the local keys; the throttle has its own test (AuthenticationThrottleIT)
            "arbiter.security.auth-failures-per-key=1000000",
            "arbiter.security.auth-failures-per-address=1000000"
        })
public @interface ArbiterIT {}
