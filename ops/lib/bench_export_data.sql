-- ops/bench (bench_exports.sh): a submitted response for each of the four
-- respondents of every synthetic exchange of bench_report_data.sql (about a
-- million), with the same answers as their events, written straight into the
-- tables the exports read: invitations, responses, response_versions.
BEGIN;
CREATE TEMP TABLE bench_slots ON COMMIT DROP AS
SELECT e.id AS engagement_id, e.programme_id, e.participant_id, substr(e.reference, 7)::bigint AS n,
       s.respondent, s.wave,
       (SELECT i.id FROM instruments i WHERE i.programme_id = e.programme_id
          AND i.key = 'mobilisesme-' || s.respondent || '-' || s.wave ORDER BY i.version DESC LIMIT 1) AS instrument_id
FROM engagements e
CROSS JOIN (VALUES ('employee', 'pre'), ('employee', 'post'), ('sending', 'post'), ('hosting', 'post'))
    AS s(respondent, wave)
WHERE e.reference LIKE 'bench-%'
  AND NOT EXISTS (SELECT 1 FROM invitations x WHERE x.engagement_id = e.id);

CREATE TEMP TABLE bench_invitations ON COMMIT DROP AS
WITH made AS (
    INSERT INTO invitations (programme_id, engagement_id, participant_id, respondent, wave, instrument_id,
                             token_digest, token_sealed, status, expires_at)
    SELECT programme_id, engagement_id, participant_id, respondent, wave, instrument_id,
           encode(sha256(('bench-export:' || engagement_id || ':' || respondent || ':' || wave)::bytea), 'hex'),
           '\x00'::bytea, 'submitted', now() + interval '90 days'
    FROM bench_slots
    RETURNING id, engagement_id, respondent, wave)
SELECT m.id AS invitation_id, s.* FROM made m
JOIN bench_slots s ON s.engagement_id = m.engagement_id AND s.respondent = m.respondent AND s.wave = m.wave;

CREATE TEMP TABLE bench_responses ON COMMIT DROP AS
WITH made AS (
    INSERT INTO responses (invitation_id, programme_id)
    SELECT invitation_id, programme_id FROM bench_invitations RETURNING id, invitation_id)
SELECT m.id AS response_id, b.* FROM made m JOIN bench_invitations b ON b.invitation_id = m.invitation_id;

INSERT INTO response_versions (response_id, version, instrument_id, answers, consent_version)
SELECT response_id, 1, instrument_id,
       CASE respondent || '-' || wave
           WHEN 'employee-pre' THEN jsonb_build_object('languages_spoken', 2, 'previous_stay_abroad', false,
               'skill_technical', 3, 'skill_language', n % 6, 'skill_intercultural', 2, 'skill_business_abroad', 1,
               'expect_professional_development', 4)
           WHEN 'employee-post' THEN jsonb_build_object('professional_development', 1 + (n * 7) % 5,
               'career_opportunities', 4, 'skills_benefit_company', 4, 'skill_technical', 3,
               'skill_language', (n * 5 + 1) % 6, 'skill_intercultural', 3, 'skill_business_abroad', 2,
               'recommend', (n * 3) % 11)
           WHEN 'sending-post' THEN jsonb_build_object('matched_needs', 1 + n % 5, 'crossborder_business',
               1 + (n * 3) % 5, 'new_products_services', 1 + (n * 2) % 5, 'skills_benefit_company', 4,
               'would_participate_again', true, 'recommend', n % 11)
           ELSE jsonb_build_object('matched_needs', 1 + (n + 1) % 5, 'crossborder_business', 4,
               'new_products_services', 3, 'skills_benefit_company', 4, 'would_participate_again', true,
               'recommend', 9)
       END,
       1
FROM bench_responses;
COMMIT;
