-- Addition: payloads over NOTIFY's 8000-byte limit, for the Socket.IO Postgres adapter
-- that carries progress events between processes.
CREATE TABLE IF NOT EXISTS socket_io_attachments (
    id bigserial UNIQUE,
    created_at timestamptz DEFAULT NOW(),
    payload bytea
);
