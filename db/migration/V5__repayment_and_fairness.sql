-- What later happened to an approved credit, as the lender reports it. One row per decision
-- and observation date: a later date adds an observation, the same date cannot change its
-- status. Fairness reports read the latest observation of each decision.
create table decision_performance (
    decision_id  uuid        not null references decision (id),
    observed_on  date        not null,
    status       text        not null check (status in ('GOOD', 'DELINQUENT', 'DEFAULT')),
    recorded_at  timestamptz not null,
    primary key (decision_id, observed_on)
);

-- The thin-file definition each decision was made under, as a column reports can group and
-- filter on; derived from the stored features, so the decision writer need not know of it.
alter table decision
    add column thin_file_definition text generated always as (features ->> 'thinFileDefinition') stored;

create index decision_thin_file_idx on decision (thin_file_definition, thin_file, decided_at);
