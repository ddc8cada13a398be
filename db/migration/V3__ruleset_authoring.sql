-- Ruleset versions become authored things: who uploaded them, when, from which parent, and
-- where they are in their life. Versions stored before this migration were each the shipped
-- ruleset of their day: they count as approved by the system and no longer active.
alter table ruleset_version
    add column author     text,
    add column created_at timestamptz,
    add column parent     text references ruleset_version (version),
    add column status     text not null default 'DRAFT'
        check (status in ('DRAFT', 'APPROVED', 'ACTIVE', 'RETIRED'));

update ruleset_version set author = 'system', created_at = stored_at, status = 'RETIRED';

alter table ruleset_version
    alter column author set not null,
    alter column created_at set not null;

-- at most one version serves at a time
create unique index ruleset_version_one_active on ruleset_version ((true)) where status = 'ACTIVE';

-- four eyes: who approved a version (never its author) and when
create table ruleset_approval (
    version     text primary key references ruleset_version (version),
    approved_by text        not null,
    approved_at timestamptz not null
);

insert into ruleset_approval (version, approved_by, approved_at)
select version, 'system', stored_at from ruleset_version;

-- every switch of the active version, rollbacks included
create table ruleset_activation (
    sequence     bigserial primary key,
    from_version text references ruleset_version (version),
    to_version   text        not null references ruleset_version (version),
    activated_by text        not null,
    activated_at timestamptz not null
);

-- the challenger every node runs in shadow: one row, version null when none runs
create table ruleset_shadow (
    singleton  boolean primary key default true check (singleton),
    version    text references ruleset_version (version),
    set_by     text        not null,
    set_at     timestamptz not null
);

-- the challenger's decision beside the decision it shadows; never returned to a client
create table decision_shadow (
    decision_id     uuid primary key references decision (id),
    ruleset_version text        not null references ruleset_version (version),
    outcome         text        not null check (outcome in ('APPROVE', 'DENY', 'REFER')),
    reasons         jsonb       not null,
    terms           jsonb,
    fired_rules     jsonb       not null,
    recorded_at     timestamptz not null
);
