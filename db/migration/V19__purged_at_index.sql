-- The console's audit screen shows how many decisions' personal data was purged and when the
-- latest purge removed some. A partial index holds only purged decisions, so both are read from
-- it instead of scanning every decision (it is empty until the first purge).
create index decision_purged_at_idx on decision (purged_at) where purged_at is not null;
