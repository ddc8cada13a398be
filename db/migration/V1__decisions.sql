-- Ruleset files are stored once per content hash, so any past decision can be re-run
-- under exactly the rules it was made with.
create table ruleset_version (
    version    text primary key,
    files      jsonb       not null,
    stored_at  timestamptz not null
);

-- One row per decision. The columns are what audit queries filter on; the jsonb documents
-- are the full record: canonical input snapshot, derived features, every model answer,
-- the fired-rule trace, reasons, terms and guardrail interventions.
create table decision (
    id                  uuid primary key,
    application_id      text        not null,
    request_fingerprint text        not null,
    outcome             text        not null check (outcome in ('APPROVE', 'DENY', 'REFER')),
    ruleset_version     text        not null references ruleset_version (version),
    product             text        not null,
    data_region         text        not null,
    thin_file           boolean     not null,
    decided_at          timestamptz not null,
    application         jsonb       not null,
    features            jsonb       not null,
    scores              jsonb       not null,
    fired_rules         jsonb       not null,
    reasons             jsonb       not null,
    terms               jsonb,
    guardrails          jsonb       not null,
    constraint decision_application_unique unique (application_id)
);

create index decision_decided_at_idx on decision (decided_at);
create index decision_outcome_idx on decision (outcome, decided_at);

-- Demographic monitoring fields, kept apart from the application: fairness reports read
-- them, rules and models never do.
create table decision_monitoring (
    decision_id uuid primary key references decision (id),
    fields      jsonb not null
);
