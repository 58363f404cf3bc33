-- ops/bench (bench_reports.sh): :step synthetic exchanges of mobilisesme-pilot
-- between the demo's companies, each with the events the API writes for it:
-- its creation and four responses (employee before and after, sending and
-- hosting company after), shaped exactly as create_engagement() and
-- submit_responses() write them. Answers cycle deterministically with the
-- exchange's number.
BEGIN;
CREATE TEMP TABLE bench_exchanges ON COMMIT DROP AS
WITH programme AS (SELECT id FROM programmes WHERE slug = 'mobilisesme-pilot'),
companies AS (
    SELECT row_number() OVER (ORDER BY o.id) - 1 AS k, o.id, o.country, o.sector, o.size
    FROM organisations o, programme p WHERE o.programme_id = p.id),
employee AS (
    SELECT pa.id FROM participants pa, programme p
    WHERE pa.programme_id = p.id AND pa.role = 'employee' ORDER BY pa.id LIMIT 1),
numbered AS (
    SELECT coalesce(max(substr(reference, 7)::bigint), 0) AS last
    FROM engagements, programme p WHERE programme_id = p.id AND reference LIKE 'bench-%')
SELECT g AS n, p.id AS programme_id, s.id AS sending, s.country AS s_country, s.sector AS s_sector, s.size AS s_size,
       h.id AS hosting, h.country AS h_country, h.sector AS h_sector, h.size AS h_size, e.id AS employee
FROM programme p, employee e, numbered,
     generate_series(numbered.last + 1, numbered.last + :step) g
JOIN companies s ON s.k = g % (SELECT count(*) FROM companies)
JOIN companies h ON h.k = (g + 1) % (SELECT count(*) FROM companies);

CREATE TEMP TABLE bench_engagements ON COMMIT DROP AS
WITH inserted AS (
    INSERT INTO engagements (programme_id, reference, kind, status, sending_organisation_id, hosting_organisation_id,
                             participant_id, starts_on, ends_on, duration_days)
    SELECT programme_id, 'bench-' || n, 'exchange', 'completed', sending, hosting, employee,
           date '2017-03-06', date '2017-03-31', 26
    FROM bench_exchanges
    RETURNING id, reference)
SELECT x.*, i.id AS engagement_id FROM inserted i JOIN bench_exchanges x ON i.reference = 'bench-' || x.n;

-- The event the API writes when it creates an exchange (the reach counts
-- it). Its status changes are left out: they do not change the reach.
INSERT INTO events (programme_id, type, actor, data)
SELECT programme_id, 'engagement.created', 'bench',
       jsonb_build_object('engagement_id', engagement_id, 'kind', 'exchange', 'status', 'planned',
                          'sending_organisation_id', sending, 'hosting_organisation_id', hosting,
                          'participant_id', employee, 'starts_on', '2017-03-06', 'ends_on', '2017-03-31',
                          'duration_days', 26)
FROM bench_engagements ORDER BY engagement_id;

INSERT INTO events (programme_id, type, actor, data)
SELECT b.programme_id, 'response.submitted', 'invitation:0',
       jsonb_build_object('engagement_id', b.engagement_id, 'respondent', r.respondent, 'wave', r.wave,
                          'instrument_key', 'mobilisesme-' || r.respondent || '-' || r.wave, 'instrument_version', 1,
                          'instrument_id', 0, 'invitation_id', 0, 'consent_version', 1, 'withheld', '[]'::jsonb,
                          'response_id', 0, 'version', 1,
                          'organisation', CASE WHEN r.respondent = 'hosting'
                              THEN jsonb_build_object('country', b.h_country, 'sector', b.h_sector, 'size', b.h_size)
                              ELSE jsonb_build_object('country', b.s_country, 'sector', b.s_sector, 'size', b.s_size) END,
                          'answers', r.answers)
FROM bench_engagements b
CROSS JOIN LATERAL (VALUES
    ('employee', 'pre', jsonb_build_object('languages_spoken', 2, 'previous_stay_abroad', false, 'skill_technical', 3,
        'skill_language', b.n % 6, 'skill_intercultural', 2, 'skill_business_abroad', 1,
        'expect_professional_development', 4)),
    ('employee', 'post', jsonb_build_object('professional_development', 1 + (b.n * 7) % 5, 'career_opportunities', 4,
        'skills_benefit_company', 4, 'skill_technical', 3, 'skill_language', (b.n * 5 + 1) % 6,
        'skill_intercultural', 3, 'skill_business_abroad', 2, 'recommend', (b.n * 3) % 11)),
    ('sending', 'post', jsonb_build_object('matched_needs', 1 + b.n % 5, 'crossborder_business', 1 + (b.n * 3) % 5,
        'new_products_services', 1 + (b.n * 2) % 5, 'skills_benefit_company', 4, 'would_participate_again', true,
        'recommend', b.n % 11)),
    ('hosting', 'post', jsonb_build_object('matched_needs', 1 + (b.n + 1) % 5, 'crossborder_business', 4,
        'new_products_services', 3, 'skills_benefit_company', 4, 'would_participate_again', true,
        'recommend', 9))
) AS r(respondent, wave, answers)
ORDER BY b.engagement_id, r.wave DESC;
COMMIT;
