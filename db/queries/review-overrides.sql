-- How do reviewers decide, and how long do referrals wait? Reviews in a period by reviewer,
-- automated outcome and final outcome, with the median wait from decision to review.
-- psql -v from="'2026-11-01'" -v to="'2026-12-01'" -f db/queries/review-overrides.sql
select rv.body ->> 'reviewer'                                          as reviewer,
       d.outcome                                                       as automated_outcome,
       rv.body ->> 'outcome'                                           as final_outcome,
       (hr.id is not null)                                             as requested_by_applicant,
       count(*)                                                        as reviews,
       percentile_cont(0.5) within group (order by rv.recorded_at - d.decided_at) as median_wait
  from decision_event rv
  join decision d on d.id = rv.decision_id
  left join decision_event hr on hr.decision_id = d.id and hr.kind = 'HUMAN_REVIEW_REQUEST'
 where rv.kind = 'REVIEW'
   and rv.recorded_at >= :from::timestamptz
   and rv.recorded_at <  :to::timestamptz
 group by 1, 2, 3, 4
 order by reviews desc;
