// The staff pages in a real browser: a staff page sends a signed-out
// browser to /login, a wrong password is answered on the same page, the
// right one lands on the home page with the person's programmes, the
// session cookie is HttpOnly and SameSite=Strict, and signing out (a form
// with the session's CSRF token) ends it. axe-core checks each page, and
// each is screenshotted: staff-sign-in, staff-sign-in-error, staff-home.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as h from './harness.mjs';

const suite = h.setUpSuite();
const password = 'a password long enough for the test';

test('a manager signs in, sees their programme, and signs out', { timeout: 120_000 }, async () => {
    await h.runYardstick(['user', 'add', '--database-url', suite.world.databaseUrl, '--email', 'manager@example.org',
        '--role', 'manager', '--programme', suite.world.programme.slug, '--password', password]);
    // bypassCSP: the pages forbid every script, axe's injected one too.
    const context = await suite.browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const failures = [];
    async function examine(name) {
        await h.screenshot(page, name);
        const violations = await h.axeViolations(page);
        if (violations.length > 0) {
            failures.push(h.describeViolations(name, violations));
        }
    }

    await page.goto(`${suite.world.baseUrl}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'a signed-out browser is sent to sign in');
    await examine('staff-sign-in');

    await page.fill('#email', 'manager@example.org');
    await page.fill('#password', 'not the password');
    let [response] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    assert.equal(response.status(), 401);
    assert.match(await page.textContent('.error-summary'), /not right/);
    assert.equal(await page.inputValue('#email'), 'manager@example.org', 'the e-mail address is kept');
    await examine('staff-sign-in-error');

    await page.fill('#password', password);
    [response] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    assert.equal(response.status(), 200);
    assert.equal(new URL(page.url()).pathname, '/', 'back where the browser first went');
    assert.match(await page.textContent('main'), /MobiliseSME pilote/);
    assert.match(await page.textContent('main'), /Signed in as manager@example\.org/);
    await examine('staff-home');

    const session = (await context.cookies()).find((cookie) => cookie.name === 'yardstick_session');
    assert.ok(session, 'the session cookie is set');
    assert.equal(session.httpOnly, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(session.path, '/');

    [response] = await Promise.all([page.waitForNavigation(), page.click('text=Sign out')]);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.goto(`${suite.world.baseUrl}/`);
    assert.equal(new URL(page.url()).pathname, '/login', 'signed out: the home page is closed again');

    await context.close();
    assert.deepEqual(failures, [], failures.join('\n'));
});
