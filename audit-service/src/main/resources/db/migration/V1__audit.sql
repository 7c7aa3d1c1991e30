-- The audit trail: an append-only, hash-chained table partitioned by month, the event ids it has
-- seen (for idempotent ingest), and the records it could not store.

-- One row per event id ever stored. The primary key is what makes ingest idempotent: a partitioned
-- table can only enforce uniqueness together with its partition key, and a replayed event must be
-- recognised whatever time it claims.
create table audit_event_ids (
    event_id    uuid primary key,
    ingested_at timestamptz not null default now()
);

create table audit_records (
    sequence       bigint      not null,
    event_id       uuid        not null,
    time           timestamptz not null,
    service        text        not null,
    subject        text        not null,
    actor_kind     text        not null,
    actor_id       text        not null,
    actor_name     text        not null,
    actor_roles    text[]      not null,
    client_address text,
    action         text        not null,
    outcome        text        not null,
    resource_type  text        not null,
    resource_id    text,
    details        jsonb       not null,
    trace_id       text,
    hash           text        not null,
    previous_hash  text        not null,
    recorded_at    timestamptz not null default now(),
    primary key (sequence, time)
) partition by range (time);

create index audit_records_actor on audit_records (actor_id, sequence);
create index audit_records_event on audit_records (event_id);

-- Whatever time an event claims, it is stored: months without their own partition land here.
create table audit_records_default partition of audit_records default;

-- Creates the partition of the month that contains the given day, if it does not exist yet.
-- Called by the migration and, ahead of time, by the service's partition job.
create function audit_ensure_partition(day date) returns void
language plpgsql as $$
declare
    first_day date := date_trunc('month', day)::date;
begin
    execute format('create table if not exists %I partition of audit_records for values from (%L) to (%L)',
        'audit_records_' || to_char(first_day, 'YYYY_MM'),
        to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00',
        to_char((first_day + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
end
$$;

select audit_ensure_partition((now() at time zone 'UTC')::date);
select audit_ensure_partition(((now() at time zone 'UTC') + interval '1 month')::date);

-- The trail is append-only: the database itself refuses to change or remove a record, whoever
-- asks. Row triggers on the parent are cloned onto every partition, present and future.
create function audit_refuse_change() returns trigger
language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
end
$$;

create trigger audit_records_append_only before update or delete on audit_records
    for each row execute function audit_refuse_change();
create trigger audit_records_no_truncate before truncate on audit_records
    for each statement execute function audit_refuse_change();
create trigger audit_event_ids_append_only before update or delete on audit_event_ids
    for each row execute function audit_refuse_change();

-- Records of audit.events that could not be stored. Each one was also published to the
-- dead-letter topic; nothing is skipped silently.
create table dead_letters (
    id                bigint generated always as identity primary key,
    topic             text        not null,
    record_partition  integer     not null,
    record_offset     bigint      not null,
    record_key        text,
    payload           text,
    reason            text        not null,
    dead_letter_topic text        not null,
    failed_at         timestamptz not null default now(),
    unique (topic, record_partition, record_offset)
);
