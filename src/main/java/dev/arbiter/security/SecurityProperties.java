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
 * @param rateLimit        requests each client may send per {@code rateLimitPeriod}
 */
@ConfigurationProperties("arbiter.security")
public record SecurityProperties(
        @DefaultValue("data/keys") Path keysDir,
        @DefaultValue("5m") Duration timestampWindow,
        KeyEnvironment environment,
        @DefaultValue("100") int rateLimit,
        @DefaultValue("1s") Duration rateLimitPeriod) {
}
