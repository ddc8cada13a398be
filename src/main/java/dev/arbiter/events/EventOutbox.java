package dev.arbiter.events;

import dev.arbiter.recording.DecisionEventRecorded;
import dev.arbiter.recording.DecisionRecorded;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes each decision event to the outbox ({@code event_outbox}) in the transaction that
 * commits the decision, review, request for review, repayment outcome or forget: one insert,
 * already in schema {@code arbiter.decision.v1}. A rolled-back transaction takes its row with it;
 * a committed one wakes the {@link OutboxSender} of this node. Present only with Kafka on.
 */
final class EventOutbox {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final OutboxSender sender;

    EventOutbox(JdbcClient jdbc, ObjectMapper json, OutboxSender sender) {
        this.jdbc = jdbc;
        this.json = json;
        this.sender = sender;
    }

    /** In the decision's transaction (a plain listener runs on the publishing thread). */
    @EventListener
    public void on(DecisionRecorded recorded) {
        store(DecisionEventV1.of(recorded));
    }

    /** In the event's transaction. */
    @EventListener
    public void on(DecisionEventRecorded recorded) {
        store(DecisionEventV1.of(recorded));
    }

    private void store(DecisionEventV1 event) {
        jdbc.sql("insert into event_outbox (event_id, key, payload) values (?::uuid, ?, ?::json)")
                .params(event.eventId(), event.applicationId(), json.writeValueAsString(event))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        } else {
            sender.wake();
        }
    }
}
