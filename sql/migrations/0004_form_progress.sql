-- Where a participant stopped in the web form, and the consent they agreed
-- to before answering (recorded with the response when they submit).
ALTER TABLE invitations
    ADD COLUMN draft_page text NOT NULL DEFAULT 'start' CHECK (draft_page ~ '^(start|check|[1-9][0-9]{0,2})$'),
    ADD COLUMN consent_version integer CHECK (consent_version >= 1);
