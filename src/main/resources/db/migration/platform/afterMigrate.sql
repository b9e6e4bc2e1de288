-- Runs after every migration, as the owner: what the service's role (${app_role}) may do. It reads and writes the
-- business tables, but may only insert into and read the audit log: no update, delete or truncate, and, not being
-- the owner, no alter table and no disabling of its triggers. Nothing happens when the role does not exist or is
-- the owner itself (a single-role setup, not for production: see README, Database roles).
do $$
declare
    app    text := '${app_role}';
    schema text := current_schema();
begin
    if app = '' or app = current_user or not exists (select 1 from pg_roles where rolname = app) then
        return;
    end if;
    execute format('grant usage on schema %I to %I', schema, app);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', schema, app);
    execute format('grant usage, select on all sequences in schema %I to %I', schema, app);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I', schema, app);
    execute format('alter default privileges in schema %I grant usage, select on sequences to %I', schema, app);
    execute format('revoke update, delete, truncate, references, trigger on audit_entry from %I', app);
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', app);
    revoke all on audit_entry from public;
end $$;
