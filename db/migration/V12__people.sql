-- People who sign in to the console, each in one of the API's six roles. Passwords are kept
-- only as Argon2id hashes. Repeated failures lock a person for a while (locked_until); an
-- admin can disable a person for good. User names are lowercase and never change, because
-- what a person did is recorded under their name.
create table person (
    user_name            text primary key check (user_name ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name         text        not null,
    role                 text        not null check (role in ('ORIGINATOR', 'ANALYST', 'APPROVER', 'AUDITOR', 'REVIEWER', 'ADMIN')),
    password_hash        text        not null,
    must_change_password boolean     not null,
    failed_attempts      integer     not null default 0,
    locked_until         timestamptz,
    disabled             boolean     not null default false,
    created_at           timestamptz not null,
    created_by           text        not null
);

-- An API client may act for a person: its signed requests are then that person's actions, so
-- four eyes compare the same actor whether the person used the console or a signed client.
alter table api_client add column person text references person (user_name);
