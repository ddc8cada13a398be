-- Do thin-file applicants fare differently? Outcomes by month for thin-file and other
-- applicants, automated and final (after manual review).
-- psql -v from="'2026-01-01'" -v to="'2027-01-01'" -f db/queries/thin-file-outcomes.sql
select date_trunc('month', d.decided_at)                                        as month,
       d.thin_file,
       count(*)                                                                 as decisions,
       round(avg((d.outcome = 'APPROVE')::int), 3)                              as approval_rate,
       round(avg((d.outcome = 'DENY')::int), 3)                                 as denial_rate,
       round(avg((d.outcome = 'REFER')::int), 3)                                as referral_rate,
       round(avg((coalesce(rv.body ->> 'outcome', d.outcome) = 'APPROVE')::int), 3) as final_approval_rate
  from decision d
  left join decision_event rv on rv.decision_id = d.id and rv.kind = 'REVIEW'
 where d.decided_at >= :from::timestamptz
   and d.decided_at <  :to::timestamptz
 group by 1, 2
 order by 1, 2;
