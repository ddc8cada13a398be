-- The outbox of decision events for Kafka (docs/operations.md, Events): with Kafka on, every
-- decision, review, request for review, repayment outcome and forget writes its event here in
-- the transaction that commits it, already in the published form (schema arbiter.decision.v1,
-- personal data filtered out), keyed by application id. One sender at a time across the nodes
-- sends the rows in seq order and deletes each once the broker has acknowledged it. With Kafka
-- off nothing is written here.
--
-- seq is taken at insert, inside the writing transaction: the events of one application are
-- committed one after another (a review needs the committed decision), so their seq order is
-- their commit order. payload is json, not jsonb: the bytes sent are the bytes stored.
create table event_outbox (
    seq       bigint      generated always as identity primary key,
    event_id  uuid        not null,
    key       text        not null,
    payload   json        not null,
    stored_at timestamptz not null default now()
);
