-- The transactional outbox: an event row commits with the state change that caused it, and the
-- relay publishes pending rows to Kafka in id order.
create table outbox_event (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    payload      jsonb       not null,
    headers      jsonb       not null default '{}'::jsonb,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);

-- The relay only ever reads pending rows, oldest first.
create index outbox_event_pending on outbox_event (id) where published_at is null;

-- Retention deletes published rows by age.
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;
