-- Whistle dispatch: the catalogue of categories, grading rules, whistles with their history and responders.

create table category (
    code              varchar(20) primary key,
    name_zh           text        not null,
    name_en           text        not null,
    default_grade     smallint    not null check (default_grade between 1 and 3),
    line              varchar(12) not null check (line in ('GRID', 'POLICE', 'JOINT', 'DEPARTMENT')),
    department        varchar(30),
    respond_minutes   integer     not null check (respond_minutes > 0),
    handle_amount     integer     not null check (handle_amount > 0),
    handle_calendar   varchar(20) not null check (handle_calendar in ('NATURAL_MINUTES', 'WORKING_HOURS', 'WORKING_DAYS')),
    feedback_amount   integer     not null check (feedback_amount > 0),
    feedback_calendar varchar(20) not null check (feedback_calendar in ('NATURAL_MINUTES', 'WORKING_HOURS', 'WORKING_DAYS')),
    admitted_to_grid  boolean     not null,
    transfer_to       varchar(12),
    keywords          text,
    active            boolean     not null default true,
    check (line <> 'DEPARTMENT' or department is not null)
);

create table grading_rule (
    id         varchar(20) primary key,
    kind       varchar(14) not null check (kind in ('KEYWORD', 'PEOPLE_COUNT', 'VULNERABLE', 'REPEAT')),
    pattern    text        not null,
    grade      smallint    not null check (grade between 1 and 3),
    applies_to varchar(20) not null default '*',
    reason_zh  text        not null,
    reason_en  text        not null
);

create table whistle (
    id                    uuid        primary key,
    tracking_code         varchar(16) not null unique,
    idempotency_key       varchar(100) unique,
    category_code         varchar(20) not null references category (code),
    state                 varchar(12) not null,
    grade                 smallint    not null check (grade between 1 and 3),
    grade_reason          text,
    line                  varchar(12) not null,
    lon                   double precision not null,
    lat                   double precision not null,
    description           text        not null check (length(description) between 1 and 2000),
    reporter_name         varchar(50),
    reporter_phone_key    varchar(20),
    reporter_phone_sealed bytea,
    reporter_phone_masked varchar(20),
    township_code         varchar(12),
    village_code          varchar(12),
    grid_code             varchar(20),
    micro_grid_code       varchar(20),
    police_grid_code      varchar(20),
    responder_level       smallint    not null check (responder_level between 1 and 5),
    responder_grid_code   varchar(20) not null,
    reported_at           timestamptz not null,
    respond_due           timestamptz,
    handle_due            timestamptz,
    feedback_due          timestamptz,
    accepted_at           timestamptz,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    suspended_at          timestamptz,
    rating                smallint check (rating between 1 and 5),
    merged_into           uuid references whistle (id),
    escalate_at           timestamptz,
    escalations           integer     not null default 0,
    version               integer     not null default 0
);
create index whistle_state on whistle (state);
create index whistle_grid on whistle (grid_code);
create index whistle_reported on whistle (reported_at);
-- The clocks: only whistles with a pending escalation are scanned, in the order they fall due.
create index whistle_escalate_at on whistle (escalate_at) where escalate_at is not null;

-- Every transition, with who, when and why.
create table whistle_event (
    id         bigserial primary key,
    whistle_id uuid        not null references whistle (id),
    at         timestamptz not null,
    action     varchar(20) not null,
    actor      varchar(64) not null,
    from_state varchar(12),
    to_state   varchar(12) not null,
    reason     text,
    level      smallint
);
create index whistle_event_whistle on whistle_event (whistle_id, id);

-- The people summoned by a whistle order, per level.
create table whistle_responder (
    whistle_id    uuid        not null references whistle (id),
    person_id     bigint      not null,
    role          varchar(20) not null,
    level         smallint    not null,
    summoned_at   timestamptz not null,
    checked_in_at timestamptz,
    primary key (whistle_id, person_id, level)
);
create index whistle_responder_person on whistle_responder (person_id);
