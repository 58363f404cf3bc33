-- The programme registry (programmes, organisations, participants,
-- engagements), the survey instruments, and response collection
-- (invitations, drafts, responses and their versions), plus staff users and
-- their API tokens. Each change of state here is written in one transaction
-- with its event in `events` (0001).
--
-- Personal data (names, e-mail addresses, free-text answers) lives only in
-- these tables, never in events, so that a person can later be erased here
-- without touching the append-only log.

-- Timestamps leave the database as RFC 3339 in UTC with microseconds, the
-- form every API answer and export uses.
CREATE FUNCTION rfc3339(t timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');

CREATE TABLE programmes (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind             text        NOT NULL CHECK (kind IN ('exchange', 'mentoring', 'skills-monitor')),
    template         text        NOT NULL,
    default_language text        NOT NULL CHECK (default_language IN ('en', 'fr', 'de', 'it')),
    settings         jsonb       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- `reference` is the caller's own stable key for a row (a CSV column, the demo
-- loader's "org-0001"): optional, unique within a programme, so that loading
-- the same data again adds only what is missing.
CREATE TABLE organisations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id bigint      NOT NULL REFERENCES programmes (id),
    reference    text,
    name         text        NOT NULL,
    country      text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    sector       text        NOT NULL CHECK (sector ~ '^[A-U]([0-9]{2})?$'),
    size         text        NOT NULL CHECK (size IN ('micro', 'small', 'medium', 'large')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (programme_id, reference),
    UNIQUE (programme_id, id)
);

CREATE TABLE participants (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id    bigint      NOT NULL,
    organisation_id bigint      NOT NULL,
    reference       text,
    role            text        NOT NULL CHECK (role IN ('employee', 'mentor', 'contact')),
    name            text        NOT NULL,
    email           text        NOT NULL,
    language        text        NOT NULL CHECK (language IN ('en', 'fr', 'de', 'it')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- A participant belongs to an organisation of the same programme.
    FOREIGN KEY (programme_id, organisation_id) REFERENCES organisations (programme_id, id),
    UNIQUE (programme_id, reference),
    UNIQUE (programme_id, id)
);
CREATE INDEX participants_organisation ON participants (organisation_id);

CREATE TABLE engagements (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id              bigint      NOT NULL REFERENCES programmes (id),
    reference                 text,
    kind                      text        NOT NULL CHECK (kind IN ('exchange', 'mentoring', 'skills-monitor')),
    status                    text        NOT NULL DEFAULT 'planned'
                                          CHECK (status IN ('planned', 'matched', 'started', 'completed', 'cancelled')),
    -- exchange
    sending_organisation_id   bigint,
    hosting_organisation_id   bigint,
    participant_id            bigint,
    starts_on                 date,
    ends_on                   date,
    duration_days             integer,
    -- mentoring
    volunteer_organisation_id bigint,
    mentor_participant_id     bigint,
    sme_organisation_id       bigint,
    -- skills-monitor
    respondent_participant_id bigint,
    round                     text,
    created_at                timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (programme_id, sending_organisation_id) REFERENCES organisations (programme_id, id),
    FOREIGN KEY (programme_id, hosting_organisation_id) REFERENCES organisations (programme_id, id),
    FOREIGN KEY (programme_id, participant_id) REFERENCES participants (programme_id, id),
    FOREIGN KEY (programme_id, volunteer_organisation_id) REFERENCES organisations (programme_id, id),
    FOREIGN KEY (programme_id, mentor_participant_id) REFERENCES participants (programme_id, id),
    FOREIGN KEY (programme_id, sme_organisation_id) REFERENCES organisations (programme_id, id),
    FOREIGN KEY (programme_id, respondent_participant_id) REFERENCES participants (programme_id, id),
    -- Each kind has exactly its own columns (the domain checks the rules; this
    -- keeps a bug from writing a half engagement).
    CHECK (kind <> 'exchange' OR (sending_organisation_id IS NOT NULL AND hosting_organisation_id IS NOT NULL
                                  AND sending_organisation_id <> hosting_organisation_id
                                  AND participant_id IS NOT NULL AND starts_on IS NOT NULL AND ends_on >= starts_on
                                  AND duration_days = ends_on - starts_on + 1)),
    CHECK (kind <> 'mentoring' OR (volunteer_organisation_id IS NOT NULL AND mentor_participant_id IS NOT NULL
                                   AND sme_organisation_id IS NOT NULL)),
    CHECK (kind <> 'skills-monitor' OR (respondent_participant_id IS NOT NULL AND round IS NOT NULL)),
    UNIQUE (programme_id, reference),
    UNIQUE (programme_id, id)
);

-- Instrument versions. A version is immutable: changing an instrument means
-- adding a row with the next version (enforced below, not only in code).
CREATE TABLE instruments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id    bigint      NOT NULL REFERENCES programmes (id),
    key             text        NOT NULL,
    version         integer     NOT NULL CHECK (version >= 1),
    wave            text        NOT NULL,
    respondent      text        NOT NULL,
    consent_version integer     NOT NULL,
    definition      jsonb       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (programme_id, key, version)
);
CREATE INDEX instruments_wave ON instruments (programme_id, respondent, wave, version DESC);

-- Refuses a change to rows that are kept as written; the trigger's argument
-- says what to do instead.
CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed: %', TG_OP, TG_TABLE_NAME, TG_ARGV[0]
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER instruments_immutable
    BEFORE UPDATE OR DELETE ON instruments
    FOR EACH ROW EXECUTE FUNCTION reject_change('instrument versions are immutable: publish a new version');

-- Waves closed by a programme manager: no more submissions or amendments.
CREATE TABLE wave_closures (
    programme_id bigint      NOT NULL REFERENCES programmes (id),
    wave         text        NOT NULL,
    closed_at    timestamptz NOT NULL DEFAULT now(),
    closed_by    text        NOT NULL,
    PRIMARY KEY (programme_id, wave)
);

-- One respondent × engagement × wave → one personal link. The token itself
-- is never stored: `token_digest` (SHA-256, hex) finds the invitation, and
-- `token_sealed` (AES-256-GCM under the server's sealing key) lets the
-- product send the same link again later.
CREATE TABLE invitations (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id      bigint      NOT NULL,
    engagement_id     bigint      NOT NULL,
    participant_id    bigint      NOT NULL,
    respondent        text        NOT NULL,
    wave              text        NOT NULL,
    instrument_id     bigint      NOT NULL REFERENCES instruments (id),
    token_digest      text        NOT NULL UNIQUE CHECK (token_digest ~ '^[0-9a-f]{64}$'),
    token_sealed      bytea       NOT NULL,
    status            text        NOT NULL DEFAULT 'issued'
                                  CHECK (status IN ('issued', 'opened', 'draft', 'submitted')),
    issued_at         timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    opened_at         timestamptz,
    draft_answers     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    draft_saved_at    timestamptz,
    FOREIGN KEY (programme_id, engagement_id) REFERENCES engagements (programme_id, id),
    FOREIGN KEY (programme_id, participant_id) REFERENCES participants (programme_id, id),
    UNIQUE (engagement_id, respondent, wave),
    CHECK (expires_at > issued_at)
);
CREATE INDEX invitations_programme ON invitations (programme_id, id);

-- A response is one invitation's answers; every submission or amendment is
-- a new version, and the latest counts.
CREATE TABLE responses (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invitation_id   bigint      NOT NULL UNIQUE REFERENCES invitations (id),
    programme_id    bigint      NOT NULL REFERENCES programmes (id),
    latest_version  integer     NOT NULL DEFAULT 1,
    first_submitted_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE response_versions (
    response_id     bigint      NOT NULL REFERENCES responses (id),
    version         integer     NOT NULL CHECK (version >= 1),
    instrument_id   bigint      NOT NULL REFERENCES instruments (id),
    answers         jsonb       NOT NULL,
    consent_version integer     NOT NULL,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (response_id, version)
);

CREATE TRIGGER response_versions_immutable
    BEFORE UPDATE ON response_versions
    FOR EACH ROW EXECUTE FUNCTION reject_change('response versions are kept as submitted: amend with a new version');

-- What a submission with an Idempotency-Key answered, so that the same key
-- with the same body gets the same answer (and no new version), and the same
-- key with another body is refused.
CREATE TABLE idempotency_keys (
    invitation_id   bigint      NOT NULL REFERENCES invitations (id),
    key             text        NOT NULL,
    request_digest  text        NOT NULL,
    response_id     bigint      NOT NULL REFERENCES responses (id),
    version         integer     NOT NULL,
    submitted_at    timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (invitation_id, key)
);

-- Staff who call the API, and their bearer tokens (stored as SHA-256 only).
CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text        NOT NULL UNIQUE,
    role       text        NOT NULL CHECK (role IN ('admin', 'manager', 'auditor')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint      NOT NULL REFERENCES users (id),
    token_digest text        NOT NULL UNIQUE CHECK (token_digest ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);
