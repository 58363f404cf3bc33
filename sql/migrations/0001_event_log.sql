-- The append-only event log. Every change of state appends one row here in
-- the same transaction as the change itself. Rows are never updated or
-- deleted — enforced below, in the database, not only in code — so payloads
-- carry ids, codes and answers, never names, e-mail addresses or free text in
-- clear: erasing a person must never require touching an event.
CREATE TABLE events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id bigint,
    type         text        NOT NULL CHECK (type ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    data         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- The writing transaction. Sequence numbers are handed out before commit,
    -- so readers of "events after N" expose only rows whose transaction is
    -- older than every transaction still running (pg_snapshot_xmin): a late
    -- commit with a smaller seq can then never be skipped.
    txid         xid8        NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX events_programme_seq ON events (programme_id, seq);

CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % on events is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_append_only
    BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_reject_change();

CREATE TRIGGER events_no_truncate
    BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
