-- A dispute that may lead to a group petition or gathering (群体性上访苗头), proposed by the risk rules: the
-- justice bureaus count the group petitions prevented (settled disputes with this flag), as cases and persons.
alter table dispute
    add column petition_risk          boolean not null default false,
    add column petition_risk_proposed boolean not null default false;
