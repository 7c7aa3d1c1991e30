-- The Kafka headers of a dead-lettered record (trace context, event id and type), kept so that
-- a replay publishes the record as it was sent, still linked to the trace that produced it.
-- Names map to values decoded as UTF-8; a header whose value is not UTF-8 is left out.
alter table dead_letters add column headers jsonb not null default '{}';
