-- Commands, approvals, credits and idempotency keys of command-service.

-- Every submitted command and how it ended. Ids are UUIDv7, so ordering by id is ordering by time.
create table commands (
    id               uuid primary key,
    user_id          text        not null,
    username         text        not null,
    command_text     text        not null,
    target           text        not null,
    status           text        not null check (status in
                         ('REJECTED', 'PENDING_APPROVAL', 'RUNNING', 'SUCCEEDED', 'FAILED', 'NOT_RUN')),
    decision         text check (decision in ('ALLOW', 'REQUIRE_APPROVAL', 'BLOCK')),
    reason           text,
    matches          jsonb       not null default '[]'::jsonb,
    policy_version   bigint,
    approval_id      uuid,
    cost             integer     not null default 0 check (cost >= 0),
    -- What happened to the credits reserved for it: nothing was reserved, reserved, charged, released.
    settlement       text        not null default 'NONE' check (settlement in ('NONE', 'RESERVED', 'CHARGED', 'RELEASED')),
    exit_code        integer,
    stdout           text,
    stderr           text,
    output_truncated boolean     not null default false,
    timed_out        boolean     not null default false,
    duration_ms      bigint,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    -- While running: after this the sweeper treats the run as lost and settles it.
    lease_until      timestamptz,
    version          bigint      not null default 0
);

create index commands_user_idx on commands (user_id, id desc);
create index commands_unsettled_idx on commands (lease_until) where settlement = 'RESERVED';

-- Approvals, bound to the requester, the exact command text and the target.
create table approvals (
    id               uuid primary key,
    requester_id     text        not null,
    requester_name   text        not null,
    command_text     text        not null,
    command_hash     text        not null,
    target           text        not null,
    status           text        not null check (status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'CONSUMED')),
    explanation      text,
    matches          jsonb       not null default '[]'::jsonb,
    policy_version   bigint,
    requested_at     timestamptz not null default now(),
    expires_at       timestamptz not null,
    decided_by_id    text,
    decided_by_name  text,
    decided_at       timestamptz,
    decision_note    text,
    consumed_at      timestamptz,
    consumed_by      uuid,
    version          bigint      not null default 0
);

-- At most one open (pending or approved and unused) approval per requester, command and target.
create unique index approvals_open_key on approvals (requester_id, target, command_hash)
    where status in ('PENDING', 'APPROVED');
create index approvals_status_idx on approvals (status, id desc);
create index approvals_requester_idx on approvals (requester_id, id desc);

-- One credit account per user. balance is what can be spent; reserved is held for running commands.
create table credit_accounts (
    user_id          text primary key,
    balance          bigint      not null check (balance >= 0),
    reserved         bigint      not null check (reserved >= 0),
    opened           boolean     not null default false,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- Every movement. The sum of available_delta is the balance; the sum of reserved_delta is reserved.
create table credit_entries (
    id               uuid primary key,
    user_id          text        not null references credit_accounts (user_id),
    kind             text        not null check (kind in ('OPENING', 'GRANT', 'RESERVE', 'CHARGE', 'RELEASE')),
    available_delta  bigint      not null,
    reserved_delta   bigint      not null,
    balance_after    bigint      not null,
    command_id       uuid,
    actor_id         text        not null,
    actor_name       text        not null,
    note             text,
    created_at       timestamptz not null default now()
);

create index credit_entries_user_idx on credit_entries (user_id, id desc);
-- A command is reserved, charged and released at most once each.
create unique index credit_entries_command_key on credit_entries (command_id, kind) where command_id is not null;
-- ... and is either charged or released, never both.
create unique index credit_entries_settlement_key on credit_entries (command_id) where kind in ('CHARGE', 'RELEASE');

-- Idempotency keys, scoped to the caller. A key is bound to the request's fingerprint and, once a command
-- exists, to that command; replays describe it.
create table idempotency_keys (
    user_id          text        not null,
    idempotency_key  text        not null,
    fingerprint      text        not null,
    command_id       uuid,
    response_status  integer,
    locked_until     timestamptz,
    created_at       timestamptz not null default now(),
    expires_at       timestamptz not null,
    primary key (user_id, idempotency_key)
);

create index idempotency_keys_expiry_idx on idempotency_keys (expires_at);
