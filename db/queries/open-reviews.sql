-- Which decisions are waiting for a person, oldest first: REFER decisions and automated
-- decisions whose applicant asked for human review, without a review yet.
-- psql -f db/queries/open-reviews.sql
select d.id                                  as decision_id,
       d.application_id,
       d.outcome,
       d.decided_at,
       hr.recorded_at                        as human_review_requested_at,
       now() - coalesce(hr.recorded_at, d.decided_at) as waiting
  from decision d
  left join decision_event hr on hr.decision_id = d.id and hr.kind = 'HUMAN_REVIEW_REQUEST'
 where (d.outcome = 'REFER' or hr.id is not null)
   and not exists (select 1 from decision_event rv where rv.decision_id = d.id and rv.kind = 'REVIEW')
 order by coalesce(hr.recorded_at, d.decided_at);
