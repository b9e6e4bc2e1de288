-- Statistics: roll-ups of the whistles' and disputes' facts, kept current in the transaction of every change.
-- Each item's last counted facts are kept (stat_whistle, stat_dispute) so a change subtracts what the item counted
-- before and adds what it counts now. A whistle counts on the day it was reported, a dispute on the day it was
-- registered (Asia/Shanghai), so every figure of a period is about the same items.

-- Element-wise sum of two arrays (the shorter padded with zeros): the response-time histograms.
create function stat_add(a integer[], b integer[]) returns integer[] language sql immutable parallel safe as $$
    select coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) order by i), '{}')
      from unnest(a, b) with ordinality as u(x, y, i)
$$;

create aggregate stat_sum(integer[]) (sfunc = stat_add, stype = integer[], initcond = '{}');

create table stat_whistle (
    whistle_id       uuid        primary key,
    day              date        not null,
    area_code        varchar(20) not null,
    village_code     varchar(12) not null,
    police_grid_code varchar(20) not null,
    category_code    varchar(20) not null,
    grade            smallint    not null,
    measures         bigint[]    not null,
    response_bucket  integer
);

-- Per day, area (the whistle's grid, else its village or township), police grid, category and grade.
create table stat_whistle_day (
    day              date        not null,
    area_code        varchar(20) not null,
    police_grid_code varchar(20) not null,
    category_code    varchar(20) not null,
    grade            smallint    not null,
    received         bigint      not null default 0,
    handled          bigint      not null default 0,
    closed           bigint      not null default 0,
    overdue_open     bigint      not null default 0,
    on_time          bigint      not null default 0,
    resolved_ever    bigint      not null default 0,
    reopened         bigint      not null default 0,
    escalated        bigint      not null default 0,
    responded        bigint      not null default 0,
    within_30        bigint      not null default 0,
    rated            bigint      not null default 0,
    rating_sum       bigint      not null default 0,
    rating_high      bigint      not null default 0,
    response         integer[]   not null default '{}',
    primary key (day, area_code, police_grid_code, category_code, grade)
);
create index stat_whistle_day_area on stat_whistle_day (area_code text_pattern_ops, day);
create index stat_whistle_day_police_grid on stat_whistle_day (police_grid_code, day);

-- Per month, village (else township) and police grid: what county, township, village and station figures read.
create table stat_whistle_month (
    month            date        not null,
    village_code     varchar(12) not null,
    police_grid_code varchar(20) not null,
    received         bigint      not null default 0,
    handled          bigint      not null default 0,
    closed           bigint      not null default 0,
    overdue_open     bigint      not null default 0,
    on_time          bigint      not null default 0,
    resolved_ever    bigint      not null default 0,
    reopened         bigint      not null default 0,
    escalated        bigint      not null default 0,
    responded        bigint      not null default 0,
    within_30        bigint      not null default 0,
    rated            bigint      not null default 0,
    rating_sum       bigint      not null default 0,
    rating_high      bigint      not null default 0,
    response         integer[]   not null default '{}',
    primary key (month, village_code, police_grid_code)
);

-- Per month and township: what the county's and a township's figures read (a few hundred rows a year).
create table stat_whistle_township (
    month            date        not null,
    township_code    varchar(12) not null,
    received         bigint      not null default 0,
    handled          bigint      not null default 0,
    closed           bigint      not null default 0,
    overdue_open     bigint      not null default 0,
    on_time          bigint      not null default 0,
    resolved_ever    bigint      not null default 0,
    reopened         bigint      not null default 0,
    escalated        bigint      not null default 0,
    responded        bigint      not null default 0,
    within_30        bigint      not null default 0,
    rated            bigint      not null default 0,
    rating_sum       bigint      not null default 0,
    rating_high      bigint      not null default 0,
    response         integer[]   not null default '{}',
    primary key (month, township_code)
);

create table stat_dispute (
    dispute_id       uuid        primary key,
    day              date        not null,
    area_code        varchar(20) not null,
    police_grid_code varchar(20) not null,
    dispute_type     varchar(24) not null,
    source           varchar(12) not null,
    measures         bigint[]    not null
);

-- Per day, area (grid or village), police grid, type and source.
create table stat_dispute_day (
    day              date        not null,
    area_code        varchar(20) not null,
    police_grid_code varchar(20) not null,
    dispute_type     varchar(24) not null,
    source           varchar(12) not null,
    screened         bigint      not null default 0,
    mediated         bigint      not null default 0,
    underway         bigint      not null default 0,
    settled          bigint      not null default 0,
    settled_in_village bigint    not null default 0,
    settled_in_town  bigint      not null default 0,
    c2c_cases        bigint      not null default 0,
    c2c_persons      bigint      not null default 0,
    petition_cases   bigint      not null default 0,
    petition_persons bigint      not null default 0,
    amount_fen       bigint      not null default 0,
    primary key (day, area_code, police_grid_code, dispute_type, source)
);
create index stat_dispute_day_area on stat_dispute_day (area_code text_pattern_ops, day);

-- When each source's roll-ups were last rebuilt from all its items.
create table stat_rebuild (
    source     varchar(20) primary key,
    rebuilt_at timestamptz not null,
    items      bigint      not null
);
