-- A suspended whistle resumes to the state it was suspended from (accepted, or on scene). Rows suspended before this
-- column existed have none and resume as accepted, as they always did.
alter table whistle add column suspended_from varchar(12)
    check (suspended_from in ('ACCEPTED', 'ON_SCENE'));
