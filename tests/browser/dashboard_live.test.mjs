// The live dashboard (issue 9): a manager's open dashboard shows a
// submission made elsewhere within seconds and without a reload, through
// the report stream (Server-Sent Events) and the dashboard's own script,
// within its Content-Security-Policy; with JavaScript off it is the same
// server-rendered page, current when loaded.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as h from './harness.mjs';

const suite = h.setUpSuite();
const password = 'a password long enough for the live dashboard';

// The employee's answers after the exchange, as the API takes them.
const answers = {
    training_role: 'both',
    professional_development: 5,
    career_opportunities: 4,
    skills_benefit_company: 4,
    skill_technical: 4,
    skill_language: 4,
    skill_intercultural: 3,
    skill_business_abroad: 3,
    recommend: 10,
};

test('the dashboard follows a submission without a reload, and works without JavaScript', { timeout: 120_000 }, async () => {
    const base = suite.world.baseUrl;
    await h.runYardstick(['user', 'add', '--database-url', suite.world.databaseUrl, '--email', 'live@example.org',
        '--role', 'manager', '--programme', 'pilote', '--password', password]);
    const context = await suite.browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const foreign = h.watchForeignRequests(page, base);
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
        // A CSP refusal shows here; a failed request is judged by its address below.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
            problems.push(message.text());
        }
    });
    page.on('response', (response) => {
        // Chromium asks for /favicon.ico by itself; the site has none.
        if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') {
            problems.push(`${response.status()} ${response.url()}`);
        }
    });

    await page.goto(`${base}/programmes/pilote`);
    await page.fill('#email', 'live@example.org');
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    assert.equal(new URL(page.url()).pathname, '/programmes/pilote');
    const before = Number(await page.getAttribute('main', 'data-version'));
    assert.ok(Number.isInteger(before), 'the page names the data version it shows');
    await page.evaluate(() => { window.sameDocument = true; });

    // A participant submits through their link, elsewhere.
    const link = await suite.world.newLink();
    await suite.world.api.expect(201, 'POST', `/api/v1/forms/${link.token}/submission`, { consent_version: 1, answers });
    // The data version that counts the submission is the sequence number of
    // its event (the tallies may count the new link's registration first).
    let target = null;
    for (let attempt = 0; attempt < 100 && target === null; ++attempt) {
        const log = await suite.world.api.expect(200, 'GET', '/api/v1/programmes/pilote/events?after=0&limit=500');
        const submitted = log.events.filter((event) => event.type === 'response.submitted').pop();
        target = submitted ? submitted.seq : null;
        if (target === null) {
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    }
    assert.ok(target !== null, 'the submission is in the event log');
    let updated = before;
    for (let attempt = 0; attempt < 100; ++attempt) {
        updated = Number(await page.getAttribute('main', 'data-version'));
        if (updated >= target) {
            break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(updated, target, 'the open page shows the report that counts the submission');
    assert.ok(updated > before, 'the open page reached the new data version without a reload');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'updated in place, not reloaded');
    assert.match(await page.textContent('.report-version'), new RegExp(`Data version ${updated}\\b`));
    assert.deepEqual(problems, [], 'no script error and nothing the page policy refused');
    assert.deepEqual(foreign(), [], 'nothing is loaded from elsewhere');
    // axe is injected as an inline script, which the page's policy refuses
    // (as it should): it checks the same page in a context that bypasses it.
    const checking = await suite.browser.newContext({ locale: 'en-GB', bypassCSP: true,
        storageState: await context.storageState() });
    const checked = await checking.newPage();
    await checked.goto(`${base}/programmes/pilote`);
    const violations = await h.axeViolations(checked);
    assert.deepEqual(violations, [], h.describeViolations('live dashboard', violations));
    await checking.close();

    // The same session without JavaScript: the page as the server renders it.
    const still = await suite.browser.newContext({ locale: 'en-GB', javaScriptEnabled: false,
        storageState: await context.storageState() });
    const plain = await still.newPage();
    await plain.goto(`${base}/programmes/pilote`);
    assert.equal(Number(await plain.getAttribute('main', 'data-version')), updated);
    assert.equal(await plain.textContent('h1'), await page.textContent('h1'));
    await still.close();
    await context.close();
});
