package dev.arbiter.recording;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Later events on a decision (a manual review, an applicant's request for human review, a
 * repayment outcome): each appended with its chain entry in one transaction, never updated, and
 * announced in that transaction as a {@link DecisionEventRecorded}.
 */
public final class JdbcDecisionEvents {

    /** The chained event a forget leaves, with the digest of the personal data it removed. */
    public static final String PERSONAL_DATA_FORGOTTEN = "PERSONAL_DATA_FORGOTTEN";

    public static final String REVIEW = "REVIEW";
    public static final String HUMAN_REVIEW_REQUEST = "HUMAN_REVIEW_REQUEST";

    /** One stored event; {@code body} is its JSON object. */
    public record Event(UUID id, UUID decisionId, String kind, Map<String, Object> body, Instant recordedAt) {}

    /** A decision awaiting (or having had) manual review. */
    public record QueueItem(
            UUID decisionId,
            String applicationId,
            String outcome,
            Instant decidedAt,
            Instant humanReviewRequestedAt,
            Event review) {}

    /** The event's kind allows only one per decision and one is stored already. */
    public static final class AlreadyRecordedException extends RuntimeException {
        AlreadyRecordedException(String kind, UUID decisionId, Throwable cause) {
            super("a " + kind + " is already recorded for decision " + decisionId, cause);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final EventAppendHook chain;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final ApplicationEventPublisher announcements;

    public JdbcDecisionEvents(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectMapper json,
            EventAppendHook chain,
            Clock clock,
            Supplier<UUID> ids) {
        this(jdbc, tx, json, chain, clock, ids, event -> {});
    }

    public JdbcDecisionEvents(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectMapper json,
            EventAppendHook chain,
            Clock clock,
            Supplier<UUID> ids,
            ApplicationEventPublisher announcements) {
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
        this.chain = chain;
        this.clock = clock;
        this.ids = ids;
    }

    public Event append(UUID decisionId, String kind, Map<String, Object> body) {
        UUID id = ids.get();
        Instant at = clock.instant();
        Event event = new Event(id, decisionId, kind, body, at);
        try {
            tx.executeWithoutResult(status -> {
                String applicationId = jdbc.sql(
                                "insert into decision_event (id, decision_id, kind, body, recorded_at) values (?, ?, ?, ?::jsonb, ?) "
                                        + "returning (select d.application_id from decision d where d.id = decision_event.decision_id)")
                        .params(id, decisionId, kind, json.writeValueAsString(body), Timestamp.from(at))
                        .query(String.class)
                        .single();
                chain.appended(id);
                announcements.publishEvent(DecisionEventRecorded.of(event, applicationId));
            });
        } catch (DuplicateKeyException duplicate) {
            throw new AlreadyRecordedException(kind, decisionId, duplicate);
        }
        return event;
    }

    public List<Event> of(UUID decisionId) {
        return jdbc.sql("select * from decision_event where decision_id = ? order by recorded_at, id")
                .param(decisionId)
                .query((rs, row) -> event(rs))
                .list();
    }

    public Optional<Event> first(UUID decisionId, String kind) {
        return of(decisionId).stream().filter(e -> e.kind().equals(kind)).findFirst();
    }

    /** How many decisions await review (what {@link #open} lists, counted). */
    public long openCount() {
        return jdbc.sql("select count(*) from review_queue").query(Long.class).single();
    }

    /**
     * REFER decisions and decisions whose applicant asked for human review, not yet reviewed; oldest
     * first. Read from {@code review_queue} (V23), which holds exactly those decisions: its triggers
     * add a REFER decision or a requested one as it is inserted and remove it when its review is, in
     * the same transaction. So the page reads only what is open, however many decisions were ever
     * referred and reviewed (the open set computed from decision and decision_event grew with them:
     * over a second with a million decisions and half a million reviews).
     */
    public List<QueueItem> open(int limit) {
        return jdbc.sql("""
                select d.id, d.application_id, d.outcome, d.decided_at, r.recorded_at as requested_at
                  from review_queue q
                  join decision d on d.id = q.decision_id
                  left join decision_event r on r.decision_id = q.decision_id and r.kind = 'HUMAN_REVIEW_REQUEST'
                 order by q.decided_at, q.decision_id
                 limit ?
                """)
                .param(limit)
                .query((rs, row) -> new QueueItem(
                        rs.getObject("id", UUID.class),
                        rs.getString("application_id"),
                        rs.getString("outcome"),
                        instant(rs, "decided_at"),
                        instant(rs, "requested_at"),
                        null))
                .list();
    }

    /** Reviewed decisions, latest review first. */
    public List<QueueItem> closed(int limit) {
        return jdbc.sql("""
                select d.id as d_id, d.application_id, d.outcome, d.decided_at, r.recorded_at as requested_at, v.*
                  from decision_event v
                  join decision d on d.id = v.decision_id
                  left join decision_event r on r.decision_id = d.id and r.kind = 'HUMAN_REVIEW_REQUEST'
                 where v.kind = 'REVIEW'
                 order by v.recorded_at desc, v.id desc
                 limit ?
                """)
                .param(limit)
                .query((rs, row) -> new QueueItem(
                        rs.getObject("d_id", UUID.class),
                        rs.getString("application_id"),
                        rs.getString("outcome"),
                        instant(rs, "decided_at"),
                        instant(rs, "requested_at"),
                        event(rs)))
                .list();
    }

    private Event event(ResultSet rs) throws SQLException {
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getObject("decision_id", UUID.class),
                rs.getString("kind"),
                json.readValue(rs.getString("body"), new TypeReference<Map<String, Object>>() {}),
                instant(rs, "recorded_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
