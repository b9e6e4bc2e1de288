-- Accounts that can sign in. People, roles and data scope come with the organisation module.
create table account (
    id            bigserial primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(200) not null,
    display_name  text         not null,
    roles         varchar(200) not null,
    enabled       boolean      not null default true,
    demo          boolean      not null default false,
    created_at    timestamptz  not null default now()
);
