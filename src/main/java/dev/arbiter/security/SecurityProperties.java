package dev.arbiter.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request signing and limits ({@code arbiter.security.*}). The master key itself is read from
 * {@code ARBITER_MASTER_KEY} or {@code ARBITER_MASTER_KEY_FILE}, never from a settings file.
 *
 * @param keysDir          where local key files (and, outside production, a generated master key) are written
 * @param timestampWindow  how far a request's timestamp may be from server time, either way
 * @param environment      which keys this Arbiter accepts; production under the {@code production} profile,
 *                         sandbox otherwise, unless set
 * @param rateLimit        requests each client may send per {@code rateLimitPeriod}, across every node on the database
 * @param authFailuresPerKey     failed authentications one key id may cause per {@code authFailurePeriod}
 *                               before its requests are refused unchecked until the period ends
 * @param authFailuresPerAddress the same for one remote address, whatever key ids it names
 * @param authFailurePeriod      the window of both failure budgets
 * @param keyCacheTtl            how long a client key, once opened, serves requests without a lookup and a
 *                               decryption; a revocation takes effect at once on the node that made it and
 *                               within this period on the others (zero: every request looks its key up)
 */
@ConfigurationProperties("arbiter.security")
public record SecurityProperties(
        @DefaultValue("data/keys") Path keysDir,
        @DefaultValue("5m") Duration timestampWindow,
        KeyEnvironment environment,
        @DefaultValue("100") int rateLimit,
        @DefaultValue("1s") Duration rateLimitPeriod,
        @DefaultValue("20") int authFailuresPerKey,
        @DefaultValue("200") int authFailuresPerAddress,
        @DefaultValue("1m") Duration authFailurePeriod,
        @DefaultValue("2s") Duration keyCacheTtl) {}
