-- The reach figures (organisations registered, engagements, participants,
-- sectors and countries taking part) become tallies too, counted from the
-- register's events instead of the register itself on every report, so that
-- a report's cost does not grow with the register (docs/decisions.md §12).
-- The tallies so far lack them: count the whole log again. The consumer does
-- so from checkpoint 0 on its next turn; until it catches up, reports show
-- what has been recounted.
DELETE FROM report_tallies;
DELETE FROM report_data_versions;
UPDATE report_checkpoint SET last_seq = 0, updated_at = now();

