-- Fairness of decisions across groups, against a reference group: the numbers of
-- GET /v1/reports/fairness (same counts, same definitions; the API adds 95% intervals).
--   psql -v from=2026-11-01 -v to=2026-11-30 -v groupBy=thinFile -v reference=false -v definition= \
--        -f db/queries/fairness-report.sql
-- definition: a thin-file definition version (e.g. tf-1) to count only its decisions; empty for all.
-- groupBy: thinFile | ageBand (<25, 25-61, 62+) | monitoring.<field>. from and to are UTC days, both included.
-- The outcome is the final one: a review's, where a person reviewed the decision. REFER not
-- yet reviewed counts as not approved. Repayment: the latest observation of each decision; GOOD is
-- the positive class, DELINQUENT and DEFAULT are bad. TPR = good approved / good,
-- FPR = bad approved / bad. Outcomes are reported for approved decisions only, so while no
-- non-approved decision has one, TPR and FPR are 1 by construction and EOD/AOD say nothing.
-- A reference group without decisions in the period leaves the comparisons empty and flags
-- every group NO REFERENCE.
-- four_fifths_flag judges the point estimate alone. The API's flag is a verdict: it also needs
-- at least arbiter.fairness.min-group-size decisions in the group and the reference (else
-- TOO_FEW) and, for FAIL, a significant difference (z-test, or Fisher's exact test for small
-- counts, p < arbiter.fairness.alpha); a significant-free breach of four-fifths is a WARN there.
-- GET /v1/reports/fairness runs this file (JdbcFairnessQuery) and reads its counts.
with latest as (
    select distinct on (decision_id) decision_id, status
      from decision_performance
     order by decision_id, observed_on desc
), rows as (
    select case :'groupBy'
               when 'thinFile' then d.thin_file::text
               when 'ageBand' then case when (d.application -> 'applicant' ->> 'age')::int < 25 then '<25'
                                        when (d.application -> 'applicant' ->> 'age')::int <= 61 then '25-61'
                                        else '62+' end
               else coalesce(m.fields ->> substr(:'groupBy', length('monitoring.') + 1), '(missing)')
           end as grp,
           coalesce(r.outcome, d.outcome) = 'APPROVE' as approved,
           l.status
      from decision d
      -- each review's outcome beside its decision's time (review_outcome, kept from the REVIEW
      -- events): restricted to the period like the decisions, it is read by its index on decided_at
      -- and only the period's reviews are joined, not every review ever recorded
      left join review_outcome r on r.decision_id = d.id
                                and r.decided_at >= (:'from')::date::timestamp at time zone 'UTC'
                                and r.decided_at <  ((:'to')::date + 1)::timestamp at time zone 'UTC'
      left join decision_monitoring m on m.decision_id = d.id
      left join latest l on l.decision_id = d.id
     where d.decided_at >= (:'from')::date::timestamp at time zone 'UTC'
       and d.decided_at <  ((:'to')::date + 1)::timestamp at time zone 'UTC'
       and (:'definition' = '' or d.thin_file_definition = :'definition')
), counts as (
    select grp,
           count(*)                                                                 as decisions,
           count(*) filter (where approved)                                         as approved,
           count(*) filter (where status = 'GOOD')                                  as good,
           count(*) filter (where status = 'GOOD' and approved)                     as good_approved,
           count(*) filter (where status in ('DELINQUENT', 'DEFAULT'))              as bad,
           count(*) filter (where status in ('DELINQUENT', 'DEFAULT') and approved) as bad_approved
      from rows
     group by grp
), rates as (
    select c.*,
           c.approved::numeric / c.decisions                             as approval_rate,
           c.good_approved::numeric / nullif(c.good, 0)                  as tpr,
           c.bad_approved::numeric / nullif(c.bad, 0)                    as fpr,
           c.bad_approved::numeric / nullif(c.good_approved + c.bad_approved, 0) as bad_rate_among_approved
      from counts c
)
select g.grp                                                  as "group",
       g.decisions, g.approved, g.approval_rate,
       g.approval_rate / nullif(r.approval_rate, 0)           as adverse_impact_ratio,
       g.approval_rate - r.approval_rate                      as statistical_parity_difference,
       g.good, g.good_approved, g.bad, g.bad_approved,
       g.tpr, g.fpr,
       g.tpr - r.tpr                                          as equal_opportunity_difference,
       ((g.fpr - r.fpr) + (g.tpr - r.tpr)) / 2                as average_odds_difference,
       g.bad_rate_among_approved,
       case when g.grp = r.grp then 'REFERENCE'
            when r.grp is null then 'NO REFERENCE'
            when r.approval_rate = 0 then 'UNDEFINED'
            when g.approval_rate / r.approval_rate < 0.8 then 'FAIL'
            when g.approval_rate / r.approval_rate < 0.9 then 'WARN'
            else 'PASS' end                                   as four_fifths_flag
  from rates g
  left join rates r on r.grp = :'reference'
 order by g.grp;
