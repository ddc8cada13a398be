package dev.arbiter.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record of what admins did (table {@code admin_action}, append-only): who ({@link
 * Caller#actor()}), what, to whom or which client or key, and when. Both the console's admin
 * screens and {@code /v1/admin} write here. A secret or password is never recorded.
 */
public final class AdminActions {

    /** One recorded action. @param subject a person's user name, a client id or a key id */
    public record Action(long id, Instant at, String actor, String action, String subject, String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AdminActions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Caller by, String action, String subject, String detail) {
        jdbc.sql("insert into admin_action (at, actor, action, subject, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), by.actor(), action, subject, detail)
                .update();
    }

    /** The latest actions, newest first. */
    public List<Action> recent(int limit) {
        return jdbc.sql("select * from admin_action order by at desc, id desc limit ?")
                .param(limit)
                .query((rs, row) -> new Action(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getString("subject"),
                        rs.getString("detail")))
                .list();
    }
}
