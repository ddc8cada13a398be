-- A fairness report counts the decisions of a period with their final outcome. Both halves are
-- read by decision time here, so a report's cost follows its period, not everything stored.
--
-- 1. Every review's outcome, kept beside its decision's time: one row per REVIEW event, written
--    by triggers on decision_event in the event's own transaction (the application role may read
--    it, not write it: afterMigrate.sql). The report reads the reviews of the period's decisions
--    from its index on decided_at instead of hashing every review ever recorded. decided_at is
--    the decision's, which Arbiter never changes, and outcome is the event body's outcome, so
--    joining it restricted to the period is the same as joining the period's review events.
create table review_outcome (
    decision_id uuid        primary key references decision (id) on delete cascade,
    decided_at  timestamptz not null,
    outcome     text
);

create index review_outcome_decided_at_idx on review_outcome (decided_at) include (decision_id, outcome);

-- Worked out again from the events whenever a review is stored, or (by the owner's hand) edited
-- or removed.
create function review_outcome_event() returns trigger
    language plpgsql security definer set search_path from current
    -- planned for each call: a plan cached while decision_event was small scans it, and one bulk
    -- insert of many events would scan it once per event
    set plan_cache_mode = force_custom_plan
as $$
declare
    subject uuid;
begin
    for subject in
        select distinct x from unnest(array[
            case when tg_op in ('UPDATE', 'DELETE') then old.decision_id end,
            case when tg_op in ('INSERT', 'UPDATE') then new.decision_id end]) x
         where x is not null
    loop
        delete from review_outcome where decision_id = subject;
        insert into review_outcome (decision_id, decided_at, outcome)
        select d.id, d.decided_at, v.body ->> 'outcome'
          from decision_event v join decision d on d.id = v.decision_id
         where v.decision_id = subject and v.kind = 'REVIEW';
    end loop;
    return null;
end
$$;

create trigger decision_event_review_outcome after insert on decision_event
    for each row when (new.kind = 'REVIEW') execute function review_outcome_event();

create trigger decision_event_review_outcome_changed after update or delete on decision_event
    for each row execute function review_outcome_event();

insert into review_outcome (decision_id, decided_at, outcome)
select d.id, d.decided_at, v.body ->> 'outcome'
  from decision_event v join decision d on d.id = v.decision_id
 where v.kind = 'REVIEW';

-- 2. The period's decisions from one index, without visiting the table: the decision-time
--    index also carries what the thin-file and monitoring groupings and the outcome need (the
--    age band still reads the application). Same key as before, so every read by decision time
--    keeps using it; a decision's insert maintains one index here as before.
create index decision_decided_at_cover_idx on decision (decided_at) include (id, outcome, thin_file, thin_file_definition);
drop index decision_decided_at_idx;
