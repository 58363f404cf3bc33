-- The append-only event log. Every change of state appends one row to
-- `events` in the same transaction as the change itself. Rows are never
-- updated or deleted — enforced below, in the database, not only in code — so
-- payloads carry ids, codes and answers, never names, e-mail addresses or
-- free text in clear: erasing a person must never require touching an event.
CREATE TABLE events (
    -- Write id: handed out before commit, so ids can commit out of order.
    -- The public order is `event_order.seq` below.
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id bigint,
    type         text        NOT NULL CHECK (type ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    data         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- The writing transaction, which decides the public order.
    txid         xid8        NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX events_txid_id ON events (txid, id);

-- The public, gap-free order of the log. A single sequencer at a time (under
-- an advisory lock) appends here only events whose transaction is older than
-- every transaction still running (txid < pg_snapshot_xmin), in (txid, id)
-- order. Any transaction that commits later has a txid at or above that
-- horizon and therefore sorts after everything already sequenced: a reader
-- of "events after N" can never miss a late commit.
CREATE TABLE event_order (
    seq       bigint PRIMARY KEY,
    event_id  bigint NOT NULL UNIQUE REFERENCES events (id),
    txid      xid8   NOT NULL
);

CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER event_order_append_only
    BEFORE UPDATE OR DELETE ON event_order
    FOR EACH ROW EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER event_order_no_truncate
    BEFORE TRUNCATE ON event_order
    FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
