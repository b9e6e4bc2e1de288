-- The audit log: append-only and hash-chained. Each entry carries the hash of the one before; audit_head
-- holds the last sequence number and hash, so edits, deletions and truncation are all detectable.
create table audit_entry (
    seq         bigint primary key,
    at          timestamptz  not null,
    actor       varchar(64)  not null,
    action      varchar(60)  not null,
    record_type varchar(60),
    record_id   varchar(100),
    origin      varchar(100),
    result      varchar(12)  not null check (result in ('OK', 'DENIED', 'FAILED')),
    details     text,
    prev_hash   char(64)     not null,
    hash        char(64)     not null
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_actor on audit_entry (actor, at);
create index audit_entry_record on audit_entry (record_type, record_id);

create table audit_head (
    id   integer primary key check (id = 1),
    seq  bigint   not null,
    hash char(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end $$;
create trigger audit_entry_append_only before update or delete or truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();
