-- Which policy rules decided applications in a period: how often each rule fired, under
-- which ruleset version, and the outcomes of the decisions it fired in.
-- psql -v from="'2026-11-01'" -v to="'2026-12-01'" -f db/queries/rules-fired.sql
select left(d.ruleset_version, 12)                       as ruleset,
       f.rule ->> 'ruleCode'                             as rule_code,
       f.rule ->> 'name'                                 as rule_name,
       count(*)                                          as fired,
       count(*) filter (where d.outcome = 'DENY')        as in_denials,
       count(*) filter (where d.outcome = 'REFER')       as in_referrals
  from decision d
 cross join lateral jsonb_array_elements(d.fired_rules) as f(rule)
 where d.decided_at >= :from::timestamptz
   and d.decided_at <  :to::timestamptz
 group by 1, 2, 3
 order by 1, fired desc;
