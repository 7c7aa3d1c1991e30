-- Rules, every version of every rule, and the policy's version counter.

create table rules (
    id          uuid primary key,
    name        text        not null,
    pattern     text        not null,
    action      text        not null check (action in ('ALLOW', 'REQUIRE_APPROVAL', 'BLOCK')),
    roles       text[]      not null default '{}',
    credit_cost integer     not null default 1 check (credit_cost >= 0),
    enabled     boolean     not null default true,
    description text,
    author      text        not null,
    version     integer     not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    deleted_at  timestamptz
);

create unique index rules_name_key on rules (lower(name)) where deleted_at is null;

-- One row per change: who, when, why, what the rule was after it, and the conflicts accepted.
create table rule_versions (
    id              bigint generated always as identity primary key,
    rule_id         uuid        not null references rules (id),
    version         integer     not null,
    change          text        not null check (change in ('CREATED', 'UPDATED', 'DELETED')),
    name            text        not null,
    pattern         text        not null,
    action          text        not null,
    roles           text[]      not null,
    credit_cost     integer     not null,
    enabled         boolean     not null,
    description     text,
    changed_by      text        not null,
    changed_by_name text        not null,
    reason          text,
    forced          boolean     not null default false,
    conflicts       jsonb       not null default '[]'::jsonb,
    policy_version  bigint      not null,
    changed_at      timestamptz not null default now(),
    unique (rule_id, version)
);

-- The policy's version: one row, incremented (and locked) by every rule change, so changes are
-- checked for conflicts one at a time.
create table policy (
    id       integer primary key check (id = 1),
    revision bigint  not null
);

insert into policy (id, revision) values (1, 0);
