-- Spring Modulith's event publication registry, created by the migrations (the owner) instead of by the service at
-- run time: the service's database role may not create tables. Same structure as Modulith 2's
-- schemas/v2/schema-postgresql.sql; a database where the service already created it keeps its table.
create table if not exists event_publication (
    id                     uuid                     not null,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
