-- Who an account belongs to is organisation's business (person_account, V17.30, which copied the links first).
alter table account drop column person_id;
