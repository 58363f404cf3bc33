-- Webhooks (issue 9): a programme's subscriptions to event types, and one
-- delivery per subscription and event, retried until the receiver answers
-- 2xx. The fan-out follows the event log's public order from its own
-- checkpoint, as the report tallies do.

CREATE TABLE webhooks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id  bigint      NOT NULL REFERENCES programmes (id),
    url           text        NOT NULL CHECK (url ~ '^https?://'),
    -- Event types ("response.submitted"), or "*" for every one.
    event_types   text[]      NOT NULL CHECK (cardinality(event_types) > 0),
    -- The signing secret, sealed under the master key (shown once, at creation).
    secret_sealed bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text        NOT NULL,
    deleted_at    timestamptz
);
CREATE INDEX webhooks_live ON webhooks (programme_id) WHERE deleted_at IS NULL;

-- The last event (public sequence) whose deliveries have been written.
CREATE TABLE webhook_checkpoint (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    last_seq bigint  NOT NULL
);
-- Subscriptions see the events after they were made: start at the log's end.
INSERT INTO webhook_checkpoint (last_seq) SELECT coalesce(max(seq), 0) FROM event_order;

CREATE TABLE webhook_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id       bigint      NOT NULL REFERENCES webhooks (id),
    event_seq        bigint      NOT NULL,
    event_type       text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending'
                                 CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    UNIQUE (webhook_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
