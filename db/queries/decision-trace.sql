-- Everything a decision was made from: input, features, each model answer and each fired
-- rule in order.  psql -v id="'<decision uuid>'" -f db/queries/decision-trace.sql
-- A rule's effects are typed ({"kind", "reasonCode", "detail"}) in decisions stored since
-- effects were typed; older rows hold one text "effect" ("DENY R-DTI", steps joined by "; "),
-- shown as it is.
select d.id, d.application_id, d.outcome, d.ruleset_version, d.decided_at,
       d.application, d.features, d.reasons, d.terms, d.guardrails
  from decision d
 where d.id = :id::uuid;

select s.score ->> 'role' as role, s.score ->> 'modelId' as model, s.score ->> 'modelVersion' as version,
       s.score ->> 'status' as status, s.score ->> 'risk' as risk, s.score ->> 'confidence' as confidence,
       s.score -> 'factors' as factors
  from decision d cross join lateral jsonb_array_elements(d.scores) as s(score)
 where d.id = :id::uuid;

select f.rule ->> 'order' as fired, f.rule ->> 'ruleCode' as rule_code, f.rule ->> 'name' as rule,
       f.rule ->> 'reasonCode' as reason_code,
       coalesce(f.rule ->> 'effect',
                (select string_agg(concat_ws(' ', e ->> 'kind', e ->> 'reasonCode', e ->> 'detail'), '; ')
                   from jsonb_array_elements(f.rule -> 'effects') as e)) as effect
  from decision d cross join lateral jsonb_array_elements(d.fired_rules) as f(rule)
 where d.id = :id::uuid
 order by (f.rule ->> 'order')::int;
