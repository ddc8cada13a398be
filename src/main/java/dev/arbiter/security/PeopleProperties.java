package dev.arbiter.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * People in the console. Environment: {@code ARBITER_PEOPLE_LOCKOUT_FAILURES},
 * {@code ARBITER_PEOPLE_LOCKOUT_DURATION}, {@code ARBITER_PEOPLE_FIRST_ADMIN_FILE}.
 *
 * @param lockoutFailures failed sign-ins in a row that lock a person
 * @param lockoutDuration how long the lock lasts
 * @param firstAdminFile  where a first start writes the first admin's one-time password; by
 *                        default {@code console-admin.password} in the keys folder
 */
@ConfigurationProperties("arbiter.people")
public record PeopleProperties(
        @DefaultValue("5") int lockoutFailures,
        @DefaultValue("15m") Duration lockoutDuration,
        Path firstAdminFile) {}
