-- A submission in one round trip. The server validates the answers against
-- the instrument before it calls this (the invitation's instrument version
-- never changes, so it needs no lock for that). What depends on the moment —
-- the link's expiry, the wave's closure, an Idempotency-Key seen before — is
-- decided here, under the invitation's row lock, in the same statement that
-- writes the version, the idempotency record and the event. Called on its
-- own (autocommit), the statement is its transaction: nothing is answered
-- before it commits, and a refusal writes nothing.
--
-- outcome: written | replayed (same key, same body: the earlier answer) |
-- key_conflict (same key, another body) | wave_closed | expired | not_found.
CREATE FUNCTION submit_response(
    p_invitation_id   bigint,
    p_answers         jsonb,
    p_consent_version integer,
    p_idempotency_key text,     -- NULL: none
    p_request_digest  text,
    p_event_data      jsonb     -- the event's data but for response_id and version
) RETURNS TABLE (outcome text, response_id bigint, version integer, submitted_at text, expires_at text)
LANGUAGE plpgsql AS $$
DECLARE
    invitation invitations%ROWTYPE;
    remembered idempotency_keys%ROWTYPE;
    written_at timestamptz;
BEGIN
    SELECT * INTO invitation FROM invitations i WHERE i.id = p_invitation_id FOR UPDATE;
    IF NOT FOUND THEN
        outcome := 'not_found';
        RETURN NEXT;
        RETURN;
    END IF;
    expires_at := rfc3339(invitation.expires_at);
    IF EXISTS (SELECT 1 FROM wave_closures w
               WHERE w.programme_id = invitation.programme_id AND w.wave = invitation.wave) THEN
        outcome := 'wave_closed';
        RETURN NEXT;
        RETURN;
    END IF;
    IF invitation.expires_at <= now() THEN
        outcome := 'expired';
        RETURN NEXT;
        RETURN;
    END IF;
    IF p_idempotency_key IS NOT NULL THEN
        SELECT * INTO remembered FROM idempotency_keys k
        WHERE k.invitation_id = p_invitation_id AND k.key = p_idempotency_key;
        IF FOUND THEN
            outcome := CASE WHEN remembered.request_digest = p_request_digest THEN 'replayed' ELSE 'key_conflict' END;
            response_id := remembered.response_id;
            version := remembered.version;
            submitted_at := rfc3339(remembered.submitted_at);
            RETURN NEXT;
            RETURN;
        END IF;
    END IF;

    -- A link used for the first time by submitting it was opened too.
    IF invitation.status = 'issued' THEN
        INSERT INTO events (programme_id, type, actor, data)
        VALUES (invitation.programme_id, 'invitation.opened', 'invitation:' || invitation.id,
                jsonb_build_object('invitation_id', invitation.id));
    END IF;
    INSERT INTO responses AS r (invitation_id, programme_id) VALUES (invitation.id, invitation.programme_id)
    ON CONFLICT (invitation_id) DO UPDATE SET latest_version = r.latest_version + 1
    RETURNING r.id, r.latest_version INTO response_id, version;
    INSERT INTO response_versions AS v (response_id, version, instrument_id, answers, consent_version)
    VALUES (response_id, version, invitation.instrument_id, p_answers, p_consent_version)
    RETURNING v.submitted_at INTO written_at;
    -- Reopening the link shows what now counts: the submitted answers.
    UPDATE invitations i
    SET status = 'submitted', draft_answers = p_answers, draft_saved_at = written_at,
        opened_at = coalesce(i.opened_at, written_at)
    WHERE i.id = invitation.id;
    IF p_idempotency_key IS NOT NULL THEN
        INSERT INTO idempotency_keys (invitation_id, key, request_digest, response_id, version, submitted_at)
        VALUES (invitation.id, p_idempotency_key, p_request_digest, response_id, version, written_at);
    END IF;
    INSERT INTO events (programme_id, type, actor, data)
    VALUES (invitation.programme_id,
            CASE WHEN version = 1 THEN 'response.submitted' ELSE 'response.amended' END,
            'invitation:' || invitation.id,
            p_event_data || jsonb_build_object('response_id', response_id, 'version', version));
    outcome := 'written';
    submitted_at := rfc3339(written_at);
    RETURN NEXT;
END
$$;
