-- Identities sealed with a key per person (docs/decisions.md §16).
--
-- A participant's name and e-mail address, the token of each of their links
-- (kept for re-sending) and their answers to questions marked `personal` are
-- stored only sealed with their own key (libsodium secretbox). That key is
-- stored only wrapped under the master key, which lives outside the database.
-- Erasure destroys the wrapped key: everything sealed with it becomes
-- unreadable wherever it was copied, and the event log stays as it is.
--
-- The clear columns are emptied by `yardstick migrate` (it holds the master
-- key; SQL alone cannot seal) right before 0011, which drops them.

-- Tells a server started with another master key file: a value sealed under
-- the master key when the first one was used (server/security/identity_vault.cpp).
CREATE TABLE master_key_check (
    only_row   boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    sealed     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One key per participant. Erased: the wrapped key is gone, for good.
CREATE TABLE person_keys (
    participant_id bigint      PRIMARY KEY REFERENCES participants (id),
    wrapped_key    bytea       CHECK (length(wrapped_key) = 73),
    created_at     timestamptz NOT NULL DEFAULT now(),
    erased_at      timestamptz,
    CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);

ALTER TABLE participants
    ADD COLUMN name_sealed  bytea,
    ADD COLUMN email_sealed bytea,
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL;

-- A token is kept sealed until the invitation is answered for good, purged or
-- erased; the digest (which reveals nothing) keeps finding the invitation.
ALTER TABLE invitations
    ALTER COLUMN token_sealed DROP NOT NULL,
    ADD COLUMN draft_personal_sealed bytea;

-- `answers` keeps the answers that are not personal; the personal ones are in
-- `personal_sealed` (a JSON object, sealed).
ALTER TABLE response_versions ADD COLUMN personal_sealed bytea;

-- A response withdrawn with its person's consent (or on their request) no
-- longer counts anywhere: not in figures, not in exports.
ALTER TABLE responses ADD COLUMN withdrawn_at timestamptz;

-- The tallies' history of a batch's engagements includes withdrawals.
DROP INDEX events_responses_by_engagement;
CREATE INDEX events_responses_by_engagement ON events (((data ->> 'engagement_id')::bigint))
    WHERE type IN ('response.submitted', 'response.amended', 'response.withdrawn');

-- What concerns one person (right of access, erasure).
CREATE INDEX events_by_participant ON events (programme_id, (data ->> 'participant_id'))
    WHERE data ? 'participant_id';

-- submit_responses (0007) with the sealed personal answers (hex in the
-- batch's JSON) written beside the others.
CREATE OR REPLACE FUNCTION submit_responses(p_items jsonb)
RETURNS TABLE (item integer, outcome text, response_id bigint, version integer, submitted_at text, expires_at text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
    -- The locks first, in id order, so that batches and draft saves never
    -- wait for each other in a cycle. The next statement takes a fresh
    -- snapshot (READ COMMITTED), so it sees whatever a twin request through
    -- the same link committed before the lock was granted.
    PERFORM 1 FROM invitations i
    WHERE i.id IN (SELECT (e ->> 'invitation_id')::bigint FROM jsonb_array_elements(p_items) e)
    ORDER BY i.id
    FOR UPDATE;

    RETURN QUERY
    WITH items AS (
        SELECT x.*
        FROM jsonb_to_recordset(p_items) AS x(item integer, invitation_id bigint, answers jsonb, personal_sealed text,
                                              consent_version integer, idempotency_key text,
                                              request_digest text, event_data jsonb)),
    judged AS (
        SELECT t.*, i.programme_id, i.instrument_id, i.status AS status_before, i.expires_at AS link_expires_at,
               k.response_id AS earlier_response_id, k.version AS earlier_version,
               k.submitted_at AS earlier_submitted_at,
               CASE WHEN i.id IS NULL THEN 'not_found'
                    WHEN EXISTS (SELECT 1 FROM wave_closures w
                                 WHERE w.programme_id = i.programme_id AND w.wave = i.wave) THEN 'wave_closed'
                    WHEN i.expires_at <= now() THEN 'expired'
                    WHEN k.key IS NOT NULL AND k.request_digest = t.request_digest THEN 'replayed'
                    WHEN k.key IS NOT NULL THEN 'key_conflict'
                    ELSE 'written'
               END AS verdict
        FROM items t
        LEFT JOIN invitations i ON i.id = t.invitation_id
        LEFT JOIN idempotency_keys k ON k.invitation_id = t.invitation_id AND k.key = t.idempotency_key),
    counted AS (
        INSERT INTO responses AS r (invitation_id, programme_id)
        SELECT j.invitation_id, j.programme_id FROM judged j WHERE j.verdict = 'written'
        ON CONFLICT (invitation_id) DO UPDATE SET latest_version = r.latest_version + 1
        RETURNING r.id, r.invitation_id, r.latest_version),
    -- now() is the transaction's start: the same instant as the versions'
    -- submitted_at default.
    written AS (
        SELECT j.*, c.id AS new_response_id, c.latest_version AS new_version, now() AS written_at
        FROM judged j JOIN counted c ON c.invitation_id = j.invitation_id),
    versions AS (
        INSERT INTO response_versions (response_id, version, instrument_id, answers, personal_sealed,
                                       consent_version, submitted_at)
        SELECT w.new_response_id, w.new_version, w.instrument_id, w.answers, decode(w.personal_sealed, 'hex'),
               w.consent_version, w.written_at
        FROM written w),
    -- Reopening the link shows what now counts: the submitted answers.
    marked AS (
        UPDATE invitations i
        SET status = 'submitted', draft_answers = w.answers, draft_personal_sealed = decode(w.personal_sealed, 'hex'),
            draft_saved_at = w.written_at,
            opened_at = coalesce(i.opened_at, w.written_at)
        FROM written w WHERE i.id = w.invitation_id),
    remembered AS (
        INSERT INTO idempotency_keys (invitation_id, key, request_digest, response_id, version, submitted_at)
        SELECT w.invitation_id, w.idempotency_key, w.request_digest, w.new_response_id, w.new_version, w.written_at
        FROM written w WHERE w.idempotency_key IS NOT NULL),
    -- A link used for the first time by submitting it was opened too.
    logged AS (
        INSERT INTO events (programme_id, type, actor, data)
        SELECT e.programme_id, e.type, e.actor, e.data
        FROM (SELECT w.item, 0 AS step, w.programme_id, 'invitation.opened' AS type,
                     'invitation:' || w.invitation_id AS actor, jsonb_build_object('invitation_id', w.invitation_id) AS data
              FROM written w WHERE w.status_before = 'issued'
              UNION ALL
              SELECT w.item, 1, w.programme_id,
                     CASE WHEN w.new_version = 1 THEN 'response.submitted' ELSE 'response.amended' END,
                     'invitation:' || w.invitation_id,
                     w.event_data || jsonb_build_object('response_id', w.new_response_id, 'version', w.new_version,
                                                        'organisation', jsonb_build_object('country', o.country,
                                                                                           'sector', o.sector,
                                                                                           'size', o.size))
              FROM written w
              JOIN invitations i ON i.id = w.invitation_id
              JOIN participants p ON p.id = i.participant_id
              JOIN organisations o ON o.id = p.organisation_id) e
        ORDER BY e.item, e.step)
    SELECT j.item, j.verdict,
           coalesce(w.new_response_id, j.earlier_response_id),
           coalesce(w.new_version, j.earlier_version),
           rfc3339(coalesce(w.written_at, j.earlier_submitted_at)),
           rfc3339(j.link_expires_at)
    FROM judged j LEFT JOIN written w ON w.item = j.item
    ORDER BY j.item;
END
$$;
