// The impact dashboard in a real browser: a programme manager signs in and
// opens /programmes/{slug} of the loaded demo; the page shows the figures
// the pilot published, computed from the demo's responses, with its inline
// SVG charts, passes axe-core's WCAG 2.1 AA checks, and loads nothing from
// elsewhere. Screenshots: dashboard, dashboard-top (the README's); the PDF report is
// saved beside it as impact-report.pdf.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import * as h from './harness.mjs';

const suite = h.setUpSuite();
const password = 'a password long enough for the dashboard';

test('a manager reads the impact dashboard of the demo programme', { timeout: 180_000 }, async () => {
    const keyDirectory = path.join(h.outputDirectory(), 'dashboard-demo');
    await h.runYardstick(['demo', 'load', '--database-url', suite.world.databaseUrl,
        '--master-key-file', suite.world.masterKeyFile,
        '--links-file', path.join(keyDirectory, 'links.txt')]);
    await h.runYardstick(['user', 'add', '--database-url', suite.world.databaseUrl, '--email', 'manager@example.org',
        '--role', 'manager', '--programme', 'mobilisesme-pilot', '--password', password]);

    const context = await suite.browser.newContext({ bypassCSP: true, locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const foreign = h.watchForeignRequests(page, suite.world.baseUrl);

    await page.goto(`${suite.world.baseUrl}/programmes/mobilisesme-pilot`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.fill('#email', 'manager@example.org');
    await page.fill('#password', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    assert.equal(new URL(page.url()).pathname, '/programmes/mobilisesme-pilot');

    // The tallies count the demo's events within a few sequencer intervals.
    for (let attempt = 0; attempt < 50 && !/91%/.test(await page.textContent('main')); ++attempt) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await page.reload();
    }
    const main = await page.textContent('main');
    for (const figure of ['400', '54', '23', '16', '91%', '95%', '90%', '75%', '81%']) {
        assert.ok(main.includes(figure), `the dashboard shows ${figure}`);
    }
    assert.match(main, /Sending companies happy with the matched needs and competences/);
    assert.ok(await page.locator('main svg').count() > 5, 'the indicators have their charts');

    await h.screenshot(page, 'dashboard');
    // What the README shows: the first screenful.
    await page.screenshot({ path: path.join(h.outputDirectory(), 'dashboard-top.png') });
    const violations = await h.axeViolations(page);
    assert.deepEqual(violations, [], h.describeViolations('dashboard', violations));
    assert.deepEqual(foreign(), [], 'nothing is loaded from elsewhere');

    // The same session reads the PDF (the browser context shares its cookies).
    const pdf = await context.request.get(`${suite.world.baseUrl}/api/v1/programmes/mobilisesme-pilot/report?format=pdf`);
    assert.equal(pdf.status(), 200);
    const bytes = await pdf.body();
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    writeFileSync(path.join(h.outputDirectory(), 'impact-report.pdf'), bytes);
    await context.close();
});
