-- Which principal reasons were given for denials in a period, and how often each was the
-- first (most important) reason.
-- psql -v from="'2026-11-01'" -v to="'2026-12-01'" -f db/queries/denials-by-reason.sql
select r.reason ->> 'code'                         as reason_code,
       r.reason ->> 'text'                         as consumer_wording,
       count(*)                                    as denials,
       count(*) filter (where r.position = 1)      as as_first_reason
  from decision d
 cross join lateral jsonb_array_elements(d.reasons) with ordinality as r(reason, position)
 where d.outcome = 'DENY'
   and d.decided_at >= :from::timestamptz
   and d.decided_at <  :to::timestamptz
 group by 1, 2
 order by denials desc;
