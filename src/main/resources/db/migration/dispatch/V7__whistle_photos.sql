-- Photos attached to a report (at most three), checked to be real images before they are stored.
create table whistle_photo (
    id           bigserial primary key,
    whistle_id   uuid        not null references whistle (id),
    content_type varchar(20) not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
    size         integer     not null check (size > 0),
    data         bytea       not null,
    stage        varchar(12) not null default 'REPORT' check (stage in ('REPORT', 'RESOLUTION')),
    uploaded_at  timestamptz not null
);
create index whistle_photo_whistle on whistle_photo (whistle_id);
