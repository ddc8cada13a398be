package dev.arbiter.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the audit trail is behind the decisions: committed chain entries not yet linked
 * (how many, and how long the oldest has waited) and the age of the latest signed checkpoint.
 */
final class ChainLag {

    private final JdbcClient jdbc;
    private final Clock clock;

    ChainLag(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The unlinked entries; the partial index on unlinked rows keeps this cheap however long the chain. */
    Unlinked unlinked() {
        return jdbc.sql("select count(*) as n, min(recorded_at) as oldest from chain_link where position is null")
                .query((rs, row) -> new Unlinked(
                        rs.getLong("n"),
                        age(rs.getObject("oldest", OffsetDateTime.class)).orElse(Duration.ZERO)))
                .single();
    }

    /** The age of the latest checkpoint; empty before the first one. */
    Optional<Duration> checkpointAge() {
        return jdbc.sql("select signed_at from chain_checkpoint order by signed_at desc limit 1")
                .query(OffsetDateTime.class)
                .optional()
                .flatMap(this::age);
    }

    private Optional<Duration> age(OffsetDateTime at) {
        if (at == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(at.toInstant(), clock.instant());
        return Optional.of(age.isNegative() ? Duration.ZERO : age);
    }

    record Unlinked(long count, Duration oldest) {}
}
