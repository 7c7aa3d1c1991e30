-- Identity: users, refresh tokens, API keys and signing keys, in the schema "auth" as seed 002 has
-- them. Passwords are bcrypt hashes that pgcrypto's crypt() verifies; refresh tokens and API keys
-- are stored only as keyed hashes; signing keys' private halves only encrypted.

create extension if not exists pgcrypto with schema public;

create table users (
    id             uuid primary key,
    username       text        not null,
    email          text        not null,
    display_name   text,
    password_hash  text,
    role           text        not null check (role in ('ADMIN', 'MEMBER')),
    tier           text        not null check (tier in ('FREE', 'PRO', 'TEAM', 'ENTERPRISE')),
    status         text        not null check (status in ('ACTIVE', 'DISABLED', 'BLOCKED')),
    blocked_reason text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    last_login_at  timestamptz,
    version        bigint      not null default 0
);

-- Case-insensitive uniqueness: "Ada" and "ada" are the same user.
create unique index users_username_key on users (lower(username));
create unique index users_email_key on users (lower(email));

create table refresh_tokens (
    id          uuid primary key,
    family_id   uuid        not null,
    user_id     uuid        not null references users (id) on delete cascade,
    token_hash  bytea       not null unique,
    client_id   text        not null,
    issued_at   timestamptz not null default now(),
    expires_at  timestamptz not null,
    rotated_at  timestamptz,
    revoked_at  timestamptz,
    revoke_reason text
);

create index refresh_tokens_family on refresh_tokens (family_id);
create index refresh_tokens_user on refresh_tokens (user_id) where revoked_at is null;

create table api_keys (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    name         text        not null,
    lookup       text        not null unique,
    secret_hash  bytea       not null,
    scopes       text[]      not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index api_keys_user on api_keys (user_id);

create table signing_keys (
    kid             text primary key,
    algorithm       text        not null check (algorithm = 'RS256'),
    public_jwk      text        not null,
    private_key     bytea       not null,
    created_at      timestamptz not null default now(),
    retired_at      timestamptz,
    -- Until then the public key stays in the JWKS so that tokens it signed can still be checked.
    publish_until   timestamptz
);

-- At most one key signs at a time.
create unique index signing_keys_one_active on signing_keys ((true)) where retired_at is null;
