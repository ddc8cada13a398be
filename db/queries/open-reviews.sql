-- Which decisions are waiting for a person, oldest first: REFER decisions and automated
-- decisions whose applicant asked for human review, without a review yet. review_queue holds
-- exactly those (V23: its triggers add a decision as it or its request is stored and remove it
-- with its review), so this reads the open items only.
-- psql -f db/queries/open-reviews.sql
select d.id                                  as decision_id,
       d.application_id,
       d.outcome,
       d.decided_at,
       hr.recorded_at                        as human_review_requested_at,
       now() - coalesce(hr.recorded_at, d.decided_at) as waiting
  from review_queue q
  join decision d on d.id = q.decision_id
  left join decision_event hr on hr.decision_id = d.id and hr.kind = 'HUMAN_REVIEW_REQUEST'
 order by coalesce(hr.recorded_at, d.decided_at);
