-- What admins did to people, clients and keys, and who did it: creating a person, changing a
-- role, disabling, unlocking, giving a new one-time password; creating a client, issuing,
-- rotating and revoking keys, linking a client to a person. Append-only (the application
-- role may select and insert here, nothing else). Never holds a password or a secret.
create table admin_action (
    id      bigint generated always as identity primary key,
    at      timestamptz not null,
    actor   text        not null,
    action  text        not null,
    subject text        not null,
    detail  text
);

create index admin_action_at on admin_action (at desc, id desc);
create index admin_action_subject on admin_action (subject, at desc);
