-- Geography: administrative divisions, grids on five levels, police stations, police grids and police rooms.
-- Geometries are stored as WKB (lon/lat degrees, CGCS2000 ~ WGS84); the application indexes them in memory.

create table division (
    code        varchar(12) primary key,
    name        text        not null,
    level       varchar(10) not null check (level in ('COUNTY', 'TOWNSHIP', 'VILLAGE', 'GROUP')),
    kind        varchar(12) not null check (kind in ('COUNTY', 'SUBDISTRICT', 'TOWN', 'TOWNSHIP', 'COMMUNITY', 'VILLAGE', 'GROUP')),
    parent_code varchar(12) references division (code),
    boundary    bytea,
    valid_from  date        not null default date '2020-01-01',
    valid_to    date,
    check (valid_to is null or valid_to > valid_from)
);
create index division_parent on division (parent_code);

create table police_station (
    id            bigserial primary key,
    code          varchar(20) not null unique,
    name          text        not null,
    division_code varchar(12) not null references division (code),
    boundary      bytea
);

create table police_grid (
    id         bigserial primary key,
    code       varchar(20) not null unique,
    name       text        not null,
    station_code varchar(20) not null references police_station (code),
    boundary   bytea       not null
);
create index police_grid_station on police_grid (station_code);

create table grid (
    id             bigserial primary key,
    code           varchar(20) not null unique check (code ~ '^[0-9]{14}([0-9]{2,3})?$'),
    name           text        not null,
    level          smallint    not null check (level between 1 and 5),
    parent_code    varchar(20) references grid (code),
    division_code  varchar(12) not null references division (code),
    type           varchar(12) not null default 'BASIC'
        check (type in ('BASIC', 'SCHOOL', 'HOSPITAL', 'ENTERPRISE', 'MARKET', 'PARK', 'ORGAN')),
    households     integer     not null default 0 check (households >= 0),
    population     integer     not null default 0 check (population >= 0),
    chief_name     text,
    police_grid_code varchar(20) references police_grid (code),
    boundary       bytea       not null,
    updated_at     timestamptz not null default now(),
    check ((level = 1) = (parent_code is null))
);
create index grid_parent on grid (parent_code);
create index grid_level on grid (level);
create index grid_police_grid on grid (police_grid_code);

create table police_room (
    id             bigserial primary key,
    code           varchar(20) not null unique,
    name           text        not null,
    kind           varchar(20) not null check (kind in ('POLICE_ROOM', 'WORKSTATION', 'CAMPUS_POLICE_ROOM')),
    urban          boolean     not null,
    station_code   varchar(20) not null references police_station (code),
    police_grid_code varchar(20) references police_grid (code),
    lon            double precision not null check (lon between -180 and 180),
    lat            double precision not null check (lat between -90 and 90)
);

-- Every import attempt with its topology report, applied or not.
create table geo_import (
    id            bigserial primary key,
    file_name     text        not null,
    imported_by   varchar(64) not null,
    imported_at   timestamptz not null,
    status        varchar(10) not null check (status in ('APPLIED', 'FORCED', 'REJECTED')),
    feature_count integer     not null,
    report        jsonb       not null
);
