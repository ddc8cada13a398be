-- Outcome mix per ruleset version and thin-file segment: what each policy version decided.
select d.ruleset_version, d.thin_file, d.outcome, count(*) as decisions,
       round(100.0 * count(*) / sum(count(*)) over (partition by d.ruleset_version, d.thin_file), 1) as pct
  from decision d
 group by 1, 2, 3
 order by 1, 2, 3;
