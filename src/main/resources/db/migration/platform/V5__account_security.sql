-- Lockout after repeated failed sign-ins, password age, and personal access tokens for API clients.
alter table account add column failed_attempts integer not null default 0;
alter table account add column locked_until timestamptz;
alter table account add column password_changed_at timestamptz not null default now();

create table api_token (
    id           bigserial primary key,
    account_id   bigint       not null references account (id),
    name         varchar(60)  not null,
    token_hash   char(64)     not null unique,
    scopes       varchar(10)[] not null check (scopes <@ array['read', 'write']::varchar[] and cardinality(scopes) > 0),
    created_at   timestamptz  not null,
    expires_at   timestamptz  not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_token_account on api_token (account_id);
