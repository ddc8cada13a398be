/**
 * Decision events for other systems: every committed decision, review, request for human
 * review, repayment outcome and forget, sent to Kafka in the versioned JSON schema
 * {@code arbiter.decision.v1} (docs/operations.md, "Events"), keyed by application id, through
 * an outbox table of its own written in the committing transaction, and sent by one sender at a
 * time across the nodes, in commit order per application. Off unless
 * {@code ARBITER_KAFKA_BOOTSTRAP_SERVERS} is set.
 */
package dev.arbiter.events;
