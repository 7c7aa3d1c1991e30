-- The producing service's own state: one row per audited action, written in the same transaction as
-- the action's outbox row. Never updated, so the commit timestamp of its xmin is the moment the
-- outbox row was committed (the relay later updates the outbox row itself, which changes its xmin).
create table bench_actions (
    event_id uuid primary key,
    phase    text not null
);
