-- The county's dispute mediation centre (县矛盾纠纷调处化解中心): the fourth rung of the mediation ladder.
alter table unit drop constraint unit_kind_check;
alter table unit add constraint unit_kind_check check (kind in (
    'COUNTY_OFFICE', 'POLICE_BUREAU', 'POLICE_STATION', 'TOWNSHIP_GOVERNMENT', 'VILLAGE_COMMITTEE', 'DEPARTMENT',
    'COUNTY_CENTRE', 'TOWN_COMMITTEE', 'VILLAGE_CENTRE', 'GROUP_TEAM', 'SECURITY_COMMITTEE', 'VOLUNTEER_POLICE_TEAM',
    'RED_ARMBAND_TEAM'));
