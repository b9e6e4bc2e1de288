-- A whistle transferred out of dispatch is kept here as a hand-off: the target is one of a closed list, and what
-- no module consumes yet (police, a department via 12345, another county) stays visible instead of vanishing.
create table whistle_handoff (
    id          bigserial primary key,
    whistle_id  uuid        not null references whistle (id),
    target      varchar(20) not null check (target in ('MEDIATION', 'POLICE', 'DEPARTMENT_12345', 'OTHER_COUNTY')),
    reason      text,
    actor       varchar(64) not null,
    at          timestamptz not null,
    taken_at    timestamptz
);
create index whistle_handoff_open on whistle_handoff (target, at) where taken_at is null;
