-- Which applicants received an adverse action (a denial, or an approval for less than they
-- asked) in a period, with the final outcome after any review and the principal reasons given.
-- psql -v from="'2026-11-01'" -v to="'2026-12-01'" -f db/queries/adverse-actions.sql
select d.id                                                   as decision_id,
       d.application_id,
       d.decided_at,
       d.outcome                                              as automated_outcome,
       coalesce(rv.body ->> 'outcome', d.outcome)             as final_outcome,
       case when coalesce(rv.body ->> 'outcome', d.outcome) = 'DENY' then 'DENIED' else 'COUNTEROFFER' end
                                                              as action_taken,
       (select string_agg(r ->> 'code', ' ' order by n)
          from jsonb_array_elements(coalesce(nullif(rv.body -> 'reasons', '[]'::jsonb), d.reasons))
               with ordinality as x(r, n) where n <= 4)       as principal_reasons
  from decision d
  left join decision_event rv on rv.decision_id = d.id and rv.kind = 'REVIEW'
 where d.decided_at >= :from::timestamptz
   and d.decided_at <  :to::timestamptz
   and (coalesce(rv.body ->> 'outcome', d.outcome) = 'DENY'
        or (coalesce(rv.body ->> 'outcome', d.outcome) = 'APPROVE'
            and (d.terms ->> 'creditLimit')::numeric < (d.terms ->> 'requestedAmount')::numeric))
 order by d.decided_at;
