-- Clients of the API and their keys. A client may hold several keys at once (rotation);
-- each key has one role and one environment. Secrets are stored only sealed under the
-- master key (AES-256-GCM, bound to the key id).
create table api_client (
    client_id  text primary key,
    name       text        not null,
    created_at timestamptz not null
);

create table api_key (
    key_id        text primary key,
    client_id     text        not null references api_client (client_id),
    role          text        not null check (role in ('ORIGINATOR', 'ANALYST', 'APPROVER', 'AUDITOR', 'REVIEWER', 'ADMIN')),
    environment   text        not null check (environment in ('SANDBOX', 'PRODUCTION')),
    not_before    timestamptz not null,
    not_after     timestamptz,
    revoked_at    timestamptz,
    sealed_secret bytea       not null,
    created_at    timestamptz not null
);

create index api_key_client_idx on api_key (client_id);

-- Nonces of signed requests, shared by every node: the primary key accepts each nonce once.
-- Rows older than two timestamp windows are purged; their requests would fail on time anyway.
create table request_nonce (
    key_id  text        not null,
    nonce   text        not null,
    seen_at timestamptz not null,
    primary key (key_id, nonce)
);

create index request_nonce_seen_at_idx on request_nonce (seen_at);

-- Which client submitted a decision: originators may read only their own.
alter table decision add column client_id text;
create index decision_client_idx on decision (client_id, decided_at);

-- The applicant's personal data, encrypted with a data key per record that the master key
-- wraps. Forgetting a record deletes its wrapped key, its ciphertext and its search hash.
create table decision_pii (
    decision_id      uuid primary key references decision (id),
    wrapped_key      bytea,
    sealed           bytea,
    national_id_hash text,
    forgotten_at     timestamptz
);

create index decision_pii_national_id_idx on decision_pii (national_id_hash);
