-- The programme lifecycle (issue 9): engagements move through their statuses
-- as events, a scheduler issues invitations and reminders and closes waves,
-- and e-mail leaves through a transactional outbox.

-- When each status was reached (the transition's commit time). Mentoring has
-- no planned end date: its post wave counts from `completed_at`.
ALTER TABLE engagements
    ADD COLUMN matched_at   timestamptz,
    ADD COLUMN started_at   timestamptz,
    ADD COLUMN completed_at timestamptz,
    ADD COLUMN cancelled_at timestamptz;

-- Cancelling an engagement ends its unanswered links (`cancelled_at`, and
-- `expires_at` capped as for an erasure); reminders are counted here so that
-- a pass of the scheduler sends each one once.
ALTER TABLE invitations
    ADD COLUMN cancelled_at      timestamptz,
    ADD COLUMN reminders_sent    integer NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
    ADD COLUMN last_reminded_at  timestamptz,
    ADD COLUMN issued_by         text;

CREATE INDEX invitations_unanswered ON invitations (programme_id, issued_at)
    WHERE status <> 'submitted' AND cancelled_at IS NULL;

-- One e-mail to send: written in the transaction of the event that asks for
-- it (invitation.issued, invitation.reminded). It holds ids only: the address
-- and the link are opened from the participant's sealed identity when the
-- message is rendered, so an erased person's message can no longer be sent,
-- and nothing here needs erasing. Rendering is deterministic (the Date header
-- is `created_at`), so a message sent again after a crash is the same message
-- with the same Message-ID (outbox id).
CREATE TABLE outbox_messages (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id     bigint      NOT NULL REFERENCES programmes (id),
    invitation_id    bigint      NOT NULL REFERENCES invitations (id),
    participant_id   bigint      NOT NULL REFERENCES participants (id),
    kind             text        NOT NULL CHECK (kind IN ('invitation', 'reminder')),
    reminder_number  integer     CHECK ((kind = 'reminder') = (reminder_number IS NOT NULL)),
    created_at       timestamptz NOT NULL,
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL,
    last_attempt_at  timestamptz,
    last_error       text,
    sent_at          timestamptz,
    cancelled_reason text,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_messages_due ON outbox_messages (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_messages_by_invitation ON outbox_messages (invitation_id);
