-- How often did a model give no usable answer, and what was decided then? Model calls by
-- role and status in a period (for example SECOND_OPINION / CIRCUIT_OPEN: the second
-- opinion failed over), with the outcomes of the decisions they belong to.
-- psql -v from="'2026-11-01'" -v to="'2026-12-01'" -f db/queries/model-failures.sql
select s.score ->> 'role'                              as role,
       s.score ->> 'modelId'                           as model_id,
       s.score ->> 'status'                            as status,
       count(*)                                        as calls,
       count(*) filter (where d.outcome = 'APPROVE')   as approved,
       count(*) filter (where d.outcome = 'DENY')      as denied,
       count(*) filter (where d.outcome = 'REFER')     as referred
  from decision d
 cross join lateral jsonb_array_elements(d.scores) as s(score)
 where d.decided_at >= :from::timestamptz
   and d.decided_at <  :to::timestamptz
 group by 1, 2, 3
 order by 1, 2, calls desc;
