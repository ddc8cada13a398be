-- Fewer indexes for every decision's insert to maintain: each one below is either read by no
-- query or served as well by another index (docs/benchmarks.md, "Database work per decision").
--
-- 1. (decided_at desc, id desc): the decision-time index (decided_at) include (id, ...) serves the
--    keyset pages in either direction (the row comparison bounds decided_at in the index, and the
--    few rows of one decision time are sorted on id), as the planner already chose it.
drop index decision_page_idx;

-- 2. (outcome, decided_at): decision_outcome_page_idx (outcome, decided_at desc, id desc) has the
--    same leading columns and serves every read by outcome and time, in either direction.
drop index decision_outcome_idx;

-- 3. REFER decisions by time: the review queue reads review_queue (V23); a search by outcome REFER
--    reads decision_outcome_page_idx.
drop index decision_refer_queue_idx;

-- 4. (client_id, decided_at): no query reads decisions by client and time; the idempotency lookup
--    reads the unique index on (coalesce(client_id, ''), application_id).
drop index decision_client_idx;

-- 5. (thin_file_definition, thin_file, decided_at): reports of a period read the decision-time
--    index, which carries both columns; the search by thin file reads decision_thin_file_page_idx.
drop index decision_thin_file_idx;
