-- Roles per programme. `admin` holds for everything (no programme);
-- `manager` and `auditor` hold for one programme each, and a person may hold
-- several; `identity-export` is a separate per-programme grant for exports
-- that carry names and e-mail addresses. Until now a role held for every
-- programme, so existing managers and auditors keep it for each programme.
CREATE TABLE role_grants (
    user_id      bigint      NOT NULL REFERENCES users (id),
    role         text        NOT NULL CHECK (role IN ('admin', 'manager', 'auditor', 'identity-export')),
    programme_id bigint      REFERENCES programmes (id),
    granted_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'admin') = (programme_id IS NULL)),
    UNIQUE NULLS NOT DISTINCT (user_id, role, programme_id)
);

INSERT INTO role_grants (user_id, role, programme_id)
SELECT id, 'admin', NULL FROM users WHERE role = 'admin';
INSERT INTO role_grants (user_id, role, programme_id)
SELECT u.id, u.role, p.id FROM users u CROSS JOIN programmes p WHERE u.role <> 'admin';

ALTER TABLE users DROP COLUMN role;
-- A disabled user's tokens and sessions stop working; the password (for the
-- browser) is an Argon2id hash string, NULL for users who only use tokens.
ALTER TABLE users ADD COLUMN disabled_at timestamptz, ADD COLUMN password_hash text;

-- Scopes narrow what a token may do below its user's roles; the last use is
-- recorded (at most once a minute) so that unused tokens can be found.
ALTER TABLE api_tokens
    ADD COLUMN scopes text[] NOT NULL DEFAULT ARRAY['read', 'write', 'export']
        CHECK (scopes <@ ARRAY['read', 'write', 'export'] AND cardinality(scopes) >= 1),
    ADD COLUMN last_used_at timestamptz;
