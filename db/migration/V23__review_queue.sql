-- The open review queue as state: one row per decision awaiting a person (a REFER decision, or
-- another decision whose applicant asked for human review) until its review is recorded. The
-- queue reads it oldest first from its own small index, so it costs the same whether ten or a
-- million decisions were ever referred; computing the open set from decision and decision_event
-- grows with every REFER ever made.
--
-- Only the database writes it, from the append-only facts it mirrors: triggers on the insert of
-- a REFER decision, of a human-review request and of a review, in the inserting statement's own
-- transaction (no extra statement for the application; for an APPROVE or DENY decision the
-- trigger's WHEN clause is all that runs). The trigger functions run as the schema owner;
-- the application role may read the table but not insert into it or delete from it
-- (afterMigrate.sql), so an item leaves the queue only by a review, which is a chained event.
-- Decision rows and events stay immutable: nothing here updates them.
create table review_queue (
    decision_id uuid        primary key references decision (id) on delete cascade,
    decided_at  timestamptz not null
);

create index review_queue_oldest_idx on review_queue (decided_at, decision_id);

create function review_queue_refer() returns trigger
    language plpgsql security definer set search_path from current
as $$
begin
    insert into review_queue (decision_id, decided_at) values (new.id, new.decided_at)
        on conflict (decision_id) do nothing;
    return null;
end
$$;

-- After a request or a review is stored (or, by the owner's hand, removed), the decision's place
-- in the queue is worked out again from the facts, as the queue's definition reads them.
create function review_queue_event() returns trigger
    language plpgsql security definer set search_path from current
    -- planned for each call: a plan cached while decision_event was small scans it, and one bulk
    -- insert of many events would scan it once per event
    set plan_cache_mode = force_custom_plan
as $$
declare
    subject constant uuid := case when tg_op = 'DELETE' then old.decision_id else new.decision_id end;
begin
    -- A request and a review of the same decision in two concurrent transactions: the second
    -- waits here for the first to commit (a row lock on the decision, which changes nothing in
    -- it and does not block inserts referencing it), then reads the first's event, so the queue
    -- cannot keep an item whose review committed beside its request. A row lock, not an advisory
    -- lock: a bulk insert of many events in one transaction would exhaust the lock table.
    perform 1 from decision d where d.id = subject for no key update;
    if exists (select 1 from decision_event v where v.decision_id = subject and v.kind = 'REVIEW') then
        delete from review_queue where decision_id = subject;
    elsif exists (select 1 from decision d where d.id = subject and d.outcome = 'REFER')
          or exists (select 1 from decision_event r where r.decision_id = subject and r.kind = 'HUMAN_REVIEW_REQUEST') then
        insert into review_queue (decision_id, decided_at)
        select d.id, d.decided_at from decision d where d.id = subject
            on conflict (decision_id) do nothing;
    else
        delete from review_queue where decision_id = subject;
    end if;
    return null;
end
$$;

create trigger decision_review_queue after insert on decision
    for each row when (new.outcome = 'REFER') execute function review_queue_refer();

create trigger decision_event_review_queue after insert on decision_event
    for each row when (new.kind in ('REVIEW', 'HUMAN_REVIEW_REQUEST')) execute function review_queue_event();

create trigger decision_event_review_queue_removed after delete on decision_event
    for each row when (old.kind in ('REVIEW', 'HUMAN_REVIEW_REQUEST')) execute function review_queue_event();

-- What the queue held before this migration: REFER decisions and requested ones, not reviewed.
insert into review_queue (decision_id, decided_at)
select d.id, d.decided_at
  from decision d
 where (d.outcome = 'REFER'
        or exists (select 1 from decision_event r where r.decision_id = d.id and r.kind = 'HUMAN_REVIEW_REQUEST'))
   and not exists (select 1 from decision_event v where v.decision_id = d.id and v.kind = 'REVIEW');


-- The queue's page also lists the latest reviews: read newest first from their own index rather
-- than sorting every review ever recorded.
create index decision_event_latest_review_idx on decision_event (recorded_at desc, id desc) where kind = 'REVIEW';
