-- The tamper-evident chain over the event log (docs/decisions.md §13): one
-- seal per sequenced event, hash = SHA-256(previous hash ‖ RFC 8785 bytes of
-- the event), written by the sequencer in the transaction that gives the
-- event its place. Events sequenced before this migration are sealed by the
-- sequencer's next runs, oldest first. Append-only, like the log itself.
CREATE TABLE event_seals (
    seq  bigint PRIMARY KEY REFERENCES event_order (seq),
    hash bytea  NOT NULL CHECK (length(hash) = 32)
);

CREATE TRIGGER event_seals_append_only
    BEFORE UPDATE OR DELETE ON event_seals
    FOR EACH ROW EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER event_seals_no_truncate
    BEFORE TRUNCATE ON event_seals
    FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();
