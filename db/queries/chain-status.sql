-- Is the tamper-evident chain keeping up? Entries not yet linked (normally only those of the
-- last second), the head of the chain, and the latest signed checkpoint. A full recomputation
-- is GET /v1/audit/verify; this only shows the bookkeeping.
-- psql -f db/queries/chain-status.sql
select (select count(*) from chain_link where position is null)            as unlinked,
       (select min(recorded_at) from chain_link where position is null)    as oldest_unlinked,
       (select max(position) from chain_link)                              as head_position,
       (select position from chain_checkpoint order by position desc limit 1) as checkpoint_position,
       (select signed_at from chain_checkpoint order by position desc limit 1) as checkpoint_signed_at,
       (select key_id from chain_checkpoint order by position desc limit 1)    as checkpoint_key;
