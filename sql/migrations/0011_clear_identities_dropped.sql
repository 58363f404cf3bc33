-- The clear identity columns go, once `yardstick migrate` has sealed what
-- they held (in this migration's transaction, before this file). A database
-- where a clear value remains stops here rather than lose it.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM participants WHERE name IS NOT NULL OR email IS NOT NULL) THEN
        RAISE EXCEPTION 'participants still hold clear names or e-mail addresses: run yardstick migrate with the master key file (--master-key-file) so that it seals them';
    END IF;
END
$$;

ALTER TABLE participants DROP COLUMN name, DROP COLUMN email;
