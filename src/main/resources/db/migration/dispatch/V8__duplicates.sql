-- A new report of the same category close by and soon after an open one is proposed as its duplicate.
alter table whistle add column possible_duplicate_of uuid references whistle (id);
create index whistle_open_category on whistle (category_code, reported_at)
    where state in ('SUBMITTED', 'DISPATCHED', 'ACCEPTED', 'ON_SCENE', 'SUSPENDED');
