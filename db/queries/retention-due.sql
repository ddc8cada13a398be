-- Which records are past their retain-until date and still hold personal data (the purge
-- job removes it; a non-empty answer long after the job's interval means it is not running),
-- by data region.
-- psql -f db/queries/retention-due.sql
select d.data_region,
       count(*)                 as due,
       min(d.retain_until)      as oldest_due_since
  from decision d
 where d.purged_at is null
   and d.retain_until <= now()
 group by 1
 order by 1;
