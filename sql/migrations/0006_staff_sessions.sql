-- Browser sessions of staff (/login). The cookie carries 256 random bits;
-- only their SHA-256 is kept, as for API tokens, so a leaked table opens no
-- session. A session signed in with an API token keeps that token's scopes
-- and ends with it when the token is revoked. The CSRF token is stored as
-- is: on its own it grants nothing, and every staff form must carry it.
CREATE TABLE staff_sessions (
    id             bigserial   PRIMARY KEY,
    session_digest text        NOT NULL UNIQUE CHECK (session_digest ~ '^[0-9a-f]{64}$'),
    user_id        bigint      NOT NULL REFERENCES users (id),
    api_token_id   bigint      REFERENCES api_tokens (id),
    csrf_token     text        NOT NULL,
    client_address text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_seen_at   timestamptz NOT NULL DEFAULT now(),
    ended_at       timestamptz,
    CHECK (last_seen_at >= created_at)
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id) WHERE ended_at IS NULL;
