-- Disputes registered before the ladder existed (V10 rows, from whistles) get the ladder's columns: the village
-- centre of their village as body, and a 30-day limit from registration, so the ladder clock and the pages handle
-- them like any other.
update dispute d set body_code = 'VM-' || d.village_code
 where d.body_code is null and d.village_code is not null
   and exists (select 1 from unit u where u.code = 'VM-' || d.village_code);
update dispute set rung_since = registered_at where rung_since is null;
update dispute set rung_due = rung_since + interval '30 days' where rung_due is null and state in ('REGISTERED', 'MEDIATING');
