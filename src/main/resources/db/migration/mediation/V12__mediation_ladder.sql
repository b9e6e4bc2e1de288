-- Mediation: the whole life of a dispute. The dispute row holds its current state, rung and body; every move is
-- kept in dispute_event. Parties' ID and phone numbers are sealed (AES-GCM) with a lookup hash and a mask, as in
-- the organisation module.
alter table dispute drop constraint dispute_state_check;
alter table dispute drop constraint dispute_rung_check;
alter table dispute
    add column tracking_code          varchar(12) unique,
    add column dispute_type           varchar(24) not null default 'OTHER' check (dispute_type in (
        'MARRIAGE_FAMILY', 'NEIGHBOURS', 'HOUSING_HOMESTEAD', 'CONTRACT', 'BUSINESS', 'DAMAGES', 'LAND_FOREST',
        'LAND_ACQUISITION', 'ENVIRONMENT', 'LABOUR', 'CONSUMER', 'MEDICAL', 'TRAFFIC_ACCIDENT', 'PROPERTY_MANAGEMENT',
        'VILLAGE_AFFAIRS', 'OTHER')),
    add column amount                 numeric(14, 2) check (amount >= 0),
    add column people_count           integer not null default 2 check (people_count between 1 and 100000),
    add column risk_colour            varchar(8) not null default 'YELLOW' check (risk_colour in ('RED', 'ORANGE', 'YELLOW', 'BLUE')),
    add column risk_proposed          varchar(8) check (risk_proposed in ('RED', 'ORANGE', 'YELLOW', 'BLUE')),
    add column criminal_risk          boolean not null default false,
    add column criminal_risk_proposed boolean not null default false,
    add column risk_rules             varchar(20)[] not null default '{}',
    add column risk_override_reason   text,
    add column area_code              varchar(20),
    add column township_code          varchar(12),
    add column body_code              varchar(30),
    add column rung_since             timestamptz,
    add column rung_due               timestamptz,
    add column mediation_started_at   timestamptz,
    add column outcome                varchar(20) check (outcome in ('AGREEMENT_WRITTEN', 'AGREEMENT_ORAL', 'FAILED', 'WITHDRAWN', 'REFERRED')),
    add column referred_to            varchar(16) check (referred_to in ('COURT', 'ARBITRATION', 'ADMINISTRATIVE', 'PETITION')),
    add column agreed_at              timestamptz,
    add column settled_at             timestamptz,
    add column settled_rung           varchar(16),
    add column closed_at              timestamptz,
    add column archived_at            timestamptz,
    add column registered_by          varchar(64),
    add column version                integer not null default 0;
alter table dispute add constraint dispute_state_check check (state in (
    'REGISTERED', 'MEDIATING', 'AGREED', 'SETTLED', 'TERMINATED', 'WITHDRAWN', 'REFERRED', 'ARCHIVED'));
alter table dispute add constraint dispute_rung_check check (rung in ('GROUP_TEAM', 'VILLAGE_CENTRE', 'TOWN_COMMITTEE', 'COUNTY'));
update dispute set area_code = coalesce(grid_code, village_code), township_code = substr(village_code, 1, 9),
                   rung_since = registered_at, tracking_code = upper(substr(md5(id::text), 1, 12))
 where area_code is null;
create index dispute_area on dispute (area_code text_pattern_ops);
create index dispute_registered on dispute (registered_at);
create index dispute_due on dispute (rung_due) where state in ('REGISTERED', 'MEDIATING');

create table dispute_party (
    id               bigserial primary key,
    dispute_id       uuid        not null references dispute (id),
    side             varchar(12) not null check (side in ('APPLICANT', 'RESPONDENT')),
    kind             varchar(12) not null check (kind in ('PERSON', 'ORGANISATION')),
    name             text        not null check (length(name) between 1 and 100),
    id_number_key    varchar(20),
    id_number_sealed bytea,
    id_number_hash   char(64),
    id_number_masked varchar(24),
    phone_key        varchar(20),
    phone_sealed     bytea,
    phone_hash       char(64),
    phone_masked     varchar(20),
    village_code     varchar(12),
    address          text,
    -- Who the party is across disputes: the ID number's hash, or the name and village for those without one.
    party_key        char(64)    not null
);
create index dispute_party_dispute on dispute_party (dispute_id);
create index dispute_party_key on dispute_party (party_key);

create table dispute_event (
    id         bigserial   primary key,
    dispute_id uuid        not null references dispute (id),
    action     varchar(24) not null,
    actor      varchar(64) not null,
    at         timestamptz not null,
    from_state varchar(12),
    to_state   varchar(12) not null,
    from_rung  varchar(16),
    to_rung    varchar(16) not null,
    body_code  varchar(30),
    reason     text
);
create index dispute_event_dispute on dispute_event (dispute_id, id);

create table mediation_room (
    code      varchar(40) primary key,
    name      text        not null,
    body_code varchar(30) not null,
    area_code varchar(20) not null
);
create index mediation_room_area on mediation_room (area_code);

create table dispute_mediator (
    dispute_id  uuid        not null references dispute (id),
    person_id   bigint      not null,
    role        varchar(12) not null check (role in ('LEAD', 'MEMBER', 'THIRD_PARTY')),
    assigned_at timestamptz not null,
    assigned_by varchar(64) not null,
    released_at timestamptz,
    primary key (dispute_id, person_id)
);
create index dispute_mediator_person on dispute_mediator (person_id) where released_at is null;

create table dispute_recusal (
    dispute_id  uuid        not null references dispute (id),
    person_id   bigint      not null,
    reason      text        not null,
    recorded_at timestamptz not null,
    recorded_by varchar(64) not null,
    primary key (dispute_id, person_id)
);

create table dispute_session (
    id          bigserial   primary key,
    dispute_id  uuid        not null references dispute (id),
    room_code   varchar(40) not null references mediation_room (code),
    starts_at   timestamptz not null,
    attendees   text,
    minutes     text,
    held_at     timestamptz,
    recorded_by varchar(64)
);
create index dispute_session_dispute on dispute_session (dispute_id);

create table dispute_agreement (
    dispute_id              uuid        primary key references dispute (id),
    kind                    varchar(8)  not null check (kind in ('WRITTEN', 'ORAL')),
    facts                   text        not null,
    obligations             text        not null,
    performance             text        not null,
    performance_due         date,
    amount                  numeric(14, 2) check (amount >= 0),
    agreed_on               date        not null,
    confirmation_due        date,
    confirmation_applied_on date,
    confirmation_court      text,
    confirmation_result     varchar(10) check (confirmation_result in ('CONFIRMED', 'REJECTED')),
    confirmation_decided_on date,
    check (kind = 'ORAL' or confirmation_due is not null)
);

create table dispute_follow_up (
    id         bigserial   primary key,
    dispute_id uuid        not null references dispute (id),
    due_on     date        not null,
    visited_at timestamptz,
    visitor    varchar(64),
    performed  boolean,
    notes      text
);
create index dispute_follow_up_dispute on dispute_follow_up (dispute_id);
create index dispute_follow_up_due on dispute_follow_up (due_on) where visited_at is null;
