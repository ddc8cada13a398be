-- What the application role may do, applied after every migration (Flyway runs this callback
-- even when no migration was pending), so it also covers tables that later migrations add:
-- every table of the schema gets SELECT and INSERT and nothing more; the UPDATEs and DELETEs
-- Arbiter's own work needs are granted below by name, column by column. Nothing else changes
-- or removes a stored decision, its chain link, its events or its checkpoints; no TRUNCATE,
-- no DDL (the role owns nothing and cannot create in the schema).
--
-- The role is "arbiter_app": the embedded server creates it and logs in as it; on an external
-- server create it (NOLOGIN) and grant it to the role Arbiter logs in as (README, "Database
-- roles"). Without it, or when migrations run as that very role, nothing is granted or revoked.
-- A migration that adds a table needing UPDATE or DELETE at run time must add its grant here.
do $$
declare
    app constant text := 'arbiter_app';
    t record;
begin
    if not exists (select from pg_roles where rolname = app) then
        raise notice 'no role %: the application keeps the rights it has', app;
        return;
    end if;
    if current_user = app then
        raise notice 'migrations run as %, which owns the schema: nothing is restricted', app;
        return;
    end if;

    -- nodes starting together each run this callback after their (locked) migrations; two GRANTs
    -- on the same object at once fail with "tuple concurrently updated", so one node at a time
    perform pg_advisory_xact_lock(hashtext('arbiter.afterMigrate'));
    execute format('grant usage on schema %I to %I', current_schema(), app);
    execute format('revoke all on all tables in schema %I from %I', current_schema(), app);
    execute format('revoke all on all sequences in schema %I from %I', current_schema(), app);
    for t in select c.relname from pg_class c
              where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v')
                and c.relname <> '${flyway:table}'
    loop
        execute format('grant select, insert on %I to %I', t.relname, app);
    end loop;
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), app);

    -- work after a decision's commit: the registry marks what its listeners have done and removes it
    execute format('grant update, delete on event_publication to %I', app);
    -- the Kafka sender removes each outbox row once the broker has acknowledged its event
    execute format('grant delete on event_outbox to %I', app);
    -- retention purge: the personal parts are replaced by their digests, monitoring fields removed
    execute format('grant update (application, purged_at, purged_digests) on decision to %I', app);
    execute format('grant delete on decision_monitoring to %I', app);
    -- the chain linker gives committed links their position and link hash
    execute format('grant update (position, previous_hash, link_hash, linked_at) on chain_link to %I', app);
    -- forgetting an applicant deletes the keys and ciphertext of their personal data
    execute format('grant update (wrapped_key, sealed, national_id_hash, forgotten_at) on decision_pii to %I', app);
    -- ruleset life cycle: approve, activate, retire; the challenger run in shadow
    execute format('grant update (status) on ruleset_version to %I', app);
    execute format('grant update (version, set_by, set_at) on ruleset_shadow to %I', app);
    -- key revocation
    execute format('grant update (revoked_at) on api_key to %I', app);
    -- people: password changes, failed sign-ins and lockouts, disabling; a client linked to a person
    execute format('grant update (display_name, role, password_hash, must_change_password, failed_attempts, '
        || 'locked_until, disabled) on person to %I', app);
    execute format('grant update (person) on api_client to %I', app);
    -- nonces older than the timestamp window are purged
    execute format('grant delete on request_nonce to %I', app);
    -- the per-client rate limit counts requests in its window and starts the next one
    execute format('grant update (window_start, requests) on client_rate_window to %I', app);
    -- the open review queue is written by its triggers alone (V23), which run as the owner:
    -- the application reads it, and an item leaves it only through a chained review
    execute format('revoke insert on review_queue from %I', app);
    -- likewise the reviews' outcomes by decision time that fairness reports read (V24)
    execute format('revoke insert on review_outcome from %I', app);
end
$$;
