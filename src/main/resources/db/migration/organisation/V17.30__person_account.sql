-- The account ↔ person link belongs to organisation, not to platform's account table: organisation keeps it in its
-- own table (by user name, no key into platform's tables) and copies the links made so far. V17.31 (platform) then
-- drops account.person_id.
create table person_account (
    username  varchar(64) primary key,
    person_id bigint      not null references person (id)
);
create index person_account_person on person_account (person_id);

insert into person_account (username, person_id)
select username, person_id from account where person_id is not null;
