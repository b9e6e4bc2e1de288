-- Organisation: units, people, their roles, dated assignments to grids and police grids, and duty rosters.

create table unit (
    code        varchar(30) primary key,
    name        text        not null,
    kind        varchar(30) not null check (kind in (
        'COUNTY_OFFICE', 'POLICE_BUREAU', 'POLICE_STATION', 'TOWNSHIP_GOVERNMENT', 'VILLAGE_COMMITTEE', 'DEPARTMENT',
        'TOWN_COMMITTEE', 'VILLAGE_CENTRE', 'GROUP_TEAM', 'SECURITY_COMMITTEE', 'VOLUNTEER_POLICE_TEAM',
        'RED_ARMBAND_TEAM')),
    parent_code varchar(30) references unit (code),
    -- The division or grid the unit serves (a code prefix of the area), and for police units their station.
    area_code   varchar(20) not null,
    station_code varchar(20)
);
create index unit_parent on unit (parent_code);
create index unit_area on unit (area_code);

create table person (
    id               bigserial primary key,
    name             text        not null check (length(name) between 1 and 50),
    gender           char(1)     check (gender in ('M', 'F')),
    unit_code        varchar(30) references unit (code),
    id_number_key    varchar(20),
    id_number_sealed bytea,
    id_number_hash   char(64),
    id_number_masked varchar(20),
    phone_key        varchar(20),
    phone_sealed     bytea,
    phone_hash       char(64),
    phone_masked     varchar(20),
    third_party      varchar(20) check (third_party in ('LAWYER', 'LEGAL_WORKER', 'DEPUTY', 'CPPCC_MEMBER')),
    duties           varchar(30)[] not null default '{}',
    updated_at       timestamptz not null default now(),
    check ((id_number_sealed is null) = (id_number_hash is null)),
    check ((phone_sealed is null) = (phone_hash is null))
);
create unique index person_id_number on person (id_number_hash) where id_number_hash is not null;
create index person_phone on person (phone_hash);
create index person_unit on person (unit_code);

create table person_role (
    person_id bigint      not null references person (id) on delete cascade,
    role      varchar(30) not null check (role in ('GRID_CHIEF', 'GRID_WORKER', 'OFFICER', 'AUXILIARY_OFFICER',
        'SPECIALIST', 'MEDIATOR', 'THIRD_PARTY_MEDIATOR', 'VOLUNTEER')),
    primary key (person_id, role)
);

-- Who is responsible where, from when to when (valid_to exclusive; null = still valid). Rotation ends one
-- assignment and starts another, so the past stays answerable.
create table assignment (
    id               bigserial primary key,
    person_id        bigint      not null references person (id),
    kind             varchar(30) not null check (kind in ('GRID_CHIEF', 'GRID_WORKER', 'POLICE_GRID_OFFICER',
        'POLICE_ROOM_STAFF', 'SECONDMENT', 'SPECIALIST', 'MEDIATOR')),
    grid_code        varchar(20),
    police_grid_code varchar(20),
    police_room_code varchar(20),
    unit_code        varchar(30) references unit (code),
    specialty        varchar(30) check (specialty in ('GOVERNANCE_SERVICE', 'PUBLIC_SECURITY', 'HEALTH',
        'URBAN_ENFORCEMENT', 'MARKET_SUPERVISION', 'DISPUTE_MEDIATION')),
    full_time        boolean,
    valid_from       date        not null,
    valid_to         date,
    check (valid_to is null or valid_to > valid_from),
    check (kind not in ('GRID_CHIEF', 'GRID_WORKER', 'SPECIALIST') or grid_code is not null),
    check (kind <> 'POLICE_GRID_OFFICER' or police_grid_code is not null),
    check (kind <> 'POLICE_ROOM_STAFF' or police_room_code is not null),
    check (kind <> 'SPECIALIST' or specialty is not null),
    check (kind not in ('SECONDMENT', 'MEDIATOR') or unit_code is not null)
);
create index assignment_person on assignment (person_id);
create index assignment_grid on assignment (grid_code, valid_from);
create index assignment_police_grid on assignment (police_grid_code, valid_from);

-- Duty rosters: fixed post + fixed time, or mobile + fixed time; community marks community work.
create table duty_shift (
    id               bigserial primary key,
    person_id        bigint      not null references person (id),
    police_room_code varchar(20),
    police_grid_code varchar(20),
    kind             varchar(12) not null check (kind in ('FIXED_POST', 'MOBILE')),
    starts_at        timestamptz not null,
    ends_at          timestamptz not null,
    community        boolean     not null,
    check (ends_at > starts_at)
);
create index duty_shift_time on duty_shift (starts_at, ends_at);
create index duty_shift_person on duty_shift (person_id, starts_at);

-- An account may belong to a person; the person's assignments give the account its data scope.
alter table account add column person_id bigint references person (id);
