-- Parties' names and addresses are personal data too: sealed (AES-GCM, with the key id) like their ID and phone
-- numbers, with a keyed hash of the normalised name for exact search. The key is not in the database, so rows
-- stored in the clear before this migration are sealed by the service at its next start (PartySealing), which
-- then clears name and address; until then they are read as they are.
alter table dispute_party alter column name drop not null;
alter table dispute_party drop constraint if exists dispute_party_name_check;
alter table dispute_party
    add column name_key       varchar(20),
    add column name_sealed    bytea,
    add column name_hash      char(64),
    add column address_key    varchar(20),
    add column address_sealed bytea,
    add constraint dispute_party_named check (name is not null or name_sealed is not null);
create index dispute_party_name_hash on dispute_party (name_hash);
-- The history of older disputes named a party added later by name ("party" moves): keep only that one was added.
update dispute_event set reason = null where action = 'party';
