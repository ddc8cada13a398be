-- The per-client request budget, counted across every node on this database: one row per
-- client with its current window (which starts at the client's first request after the previous
-- one ended, by the database's clock) and the requests counted in it. Unlogged: a counter needs
-- no WAL and no fsync at commit, and after a crash of the server an empty table only means each
-- client starts a fresh window.
create unlogged table client_rate_window (
    client_id    text        not null primary key,
    window_start timestamptz not null,
    requests     int         not null
);
