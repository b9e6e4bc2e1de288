-- Mediation (first part): disputes as registered, with where they came from. One dispute per source record:
-- a whistle transferred twice, or an event delivered twice, still makes one dispute.
create table dispute (
    id            uuid        primary key,
    source        varchar(12) not null check (source in ('SCREENING', 'APPLICATION', 'WHISTLE', 'COURT', 'POLICE')),
    source_ref    varchar(64),
    category_code varchar(20),
    description   text        not null,
    lon           double precision,
    lat           double precision,
    village_code  varchar(12),
    grid_code     varchar(20),
    rung          varchar(16) not null check (rung in ('GROUP_TEAM', 'VILLAGE_CENTRE', 'TOWN_COMMITTEE', 'COUNTY')),
    state         varchar(12) not null check (state in ('REGISTERED')),
    registered_at timestamptz not null,
    unique (source, source_ref)
);
create index dispute_village on dispute (village_code);
