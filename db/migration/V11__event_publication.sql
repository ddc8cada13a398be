-- Spring Modulith's event publication registry: an event published in a decision's transaction
-- is stored here with one row per listener, in that same transaction, and the row is removed
-- once the listener has handled it; rows left at a crash are handed to listeners again at the
-- next start. (Schema of spring-modulith-events-jdbc 2.0, v2.)
create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);

create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
