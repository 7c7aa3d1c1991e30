create table if not exists floor_command (
    id bigint generated always as identity primary key,
    command text not null,
    created_at timestamptz not null
);
