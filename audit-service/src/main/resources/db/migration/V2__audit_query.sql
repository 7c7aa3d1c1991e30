-- The query side of the trail: a full-text index over the details (where services put the command
-- text), indexes for the other filters, and TRUNCATE refused on each partition too.

-- Full-text search over the string and number values of `details` (the command text lives in
-- details.command). An expression index rather than a stored generated column: the rows stay
-- exactly what the chain hashed, and `select *` copies of rows can be inserted back as they were.
-- The query must repeat this expression exactly (AuditFilter.SEARCH_VECTOR) for the planner to
-- use the index.
--
-- 'simple' and not 'english': 'simple' only lower-cases, it neither stems nor drops stop words.
-- Shell commands are not English prose: 'english' would drop `do`, `for`, `if`, `in`, `then`,
-- `at`, `which`, `who` (shell keywords and commands) and stem names, so `cat`/`cats` or `runs`
-- would match what was never typed. Searching an audit trail must find the literal words.
create index audit_records_search on audit_records
    using gin (jsonb_to_tsvector('simple'::regconfig, details, '["string", "numeric"]'::jsonb));

create index audit_records_time on audit_records (time);
create index audit_records_resource on audit_records (resource_type, resource_id, sequence);
create index audit_records_service on audit_records (service, sequence);

-- Row triggers on the parent are cloned onto partitions, so UPDATE and DELETE on a partition are
-- refused already; statement triggers are not, so a TRUNCATE of one partition (not the parent)
-- went through. Every partition, present and future, gets its own TRUNCATE trigger.
create function audit_protect_partition(partition regclass) returns void
language plpgsql as $$
begin
    execute format('create or replace trigger audit_records_no_truncate before truncate on %s '
        'for each statement execute function audit_refuse_change()', partition);
end
$$;

create or replace function audit_ensure_partition(day date) returns void
language plpgsql as $$
declare
    first_day date := date_trunc('month', day)::date;
    name text := 'audit_records_' || to_char(first_day, 'YYYY_MM');
begin
    execute format('create table if not exists %I partition of audit_records for values from (%L) to (%L)',
        name,
        to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00',
        to_char((first_day + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
    perform audit_protect_partition(format('%I', name)::regclass);
end
$$;

do $$
declare
    partition regclass;
begin
    for partition in select inhrelid::regclass from pg_inherits where inhparent = 'audit_records'::regclass loop
        perform audit_protect_partition(partition);
    end loop;
end
$$;

-- An admin can publish a dead letter to audit.events again (after deploying a fix that reads
-- it); who did and when is kept, and makes the replay happen at most once.
alter table dead_letters add column replayed_at timestamptz, add column replayed_by text;
