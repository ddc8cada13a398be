-- Tamper evidence, reviews, retention and audit-query indexes.

-- Every stored decision and every later event on it becomes one link. The row is written in
-- the same transaction as what it records (seq from a sequence, record_hash over the record's
-- canonical form); a background linker later gives committed links consecutive positions and
-- chains them (previous_hash, link_hash). Writers therefore never wait for each other: only
-- the linker, one at a time under an advisory lock, touches the head of the chain.
create table chain_link (
    seq           bigserial   primary key,
    subject_kind  text        not null check (subject_kind in ('DECISION', 'EVENT')),
    subject_id    uuid        not null,
    record_hash   text        not null,
    recorded_at   timestamptz not null,
    position      bigint,
    previous_hash text,
    link_hash     text,
    linked_at     timestamptz,
    constraint chain_link_subject_unique unique (subject_kind, subject_id),
    constraint chain_link_position_unique unique (position)
);

create index chain_link_unlinked_idx on chain_link (seq) where position is null;

-- The chain head signed at intervals with the node's Ed25519 key.
create table chain_checkpoint (
    id         bigserial   primary key,
    position   bigint      not null,
    head_hash  text        not null,
    signed_at  timestamptz not null,
    key_id     text        not null,
    signature  text        not null
);

-- Public keys that have signed checkpoints, so checkpoints signed before a key rotation still verify.
create table audit_public_key (
    key_id     text        primary key,
    public_key text        not null,
    first_seen timestamptz not null
);

-- Later events on a decision: manual reviews, applicants' requests for human review, and
-- (from other modules) repayment outcomes. Appended, never updated.
create table decision_event (
    id           uuid        primary key,
    decision_id  uuid        not null references decision (id),
    kind         text        not null,
    body         jsonb       not null,
    recorded_at  timestamptz not null
);

create index decision_event_decision_idx on decision_event (decision_id, kind);
-- at most one review and one human-review request per decision, even under concurrent requests
create unique index decision_event_one_review on decision_event (decision_id) where kind = 'REVIEW';
create index decision_refer_queue_idx on decision (decided_at, id) where outcome = 'REFER';
create unique index decision_event_one_request on decision_event (decision_id) where kind = 'HUMAN_REVIEW_REQUEST';

-- Retention: when the personal data of a decision may be removed; a purge keeps the removed
-- parts' digests so the chain still verifies.
alter table decision add column retain_until   timestamptz;
alter table decision add column purged_at      timestamptz;
alter table decision add column purged_digests jsonb;

create index decision_retain_until_idx on decision (retain_until) where purged_at is null;

-- Audit queries: newest first with keyset pagination on (decided_at, id); jsonb containment
-- for reason codes, fired rules and model statuses.
create index decision_page_idx on decision (decided_at desc, id desc);
create index decision_outcome_page_idx on decision (outcome, decided_at desc, id desc);
create index decision_region_page_idx on decision (data_region, decided_at desc, id desc);
create index decision_product_page_idx on decision (product, decided_at desc, id desc);
create index decision_ruleset_page_idx on decision (ruleset_version, decided_at desc, id desc);
create index decision_thin_file_page_idx on decision (decided_at desc, id desc) where thin_file;
create index decision_reasons_gin on decision using gin (reasons jsonb_path_ops);
create index decision_fired_rules_gin on decision using gin (fired_rules jsonb_path_ops);
create index decision_scores_gin on decision using gin (scores jsonb_path_ops);
