// The browser ring's own footing, which needs no participant page: the
// scratch database, the server and the link made through the JSON API,
// Chromium with these machines' flags, axe-core's injection and report.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';

import * as h from './harness.mjs';

const suite = h.setUpSuite();

test('the link made through the API opens the employee post form, in French', async () => {
    const { token, link } = await suite.world.newLink();
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(link, `${suite.world.baseUrl}/f/${token}`);
    const form = await suite.world.api.expect(200, 'GET', `/api/v1/forms/${token}`);
    assert.equal(form.instrument?.key, 'mobilisesme-employee-post');
    assert.equal(form.language, 'fr');
    assert.equal(form.wave, 'post');
    assert.equal(form.respondent, 'employee');
    assert.equal(form.consent?.version, h.employeePostInstrument().consent.version);
});

test('a closed wave answers 410 for its links', async () => {
    const programme = await suite.world.createProgramme('harnais-ferme');
    const { token } = await suite.world.newLink({ programme });
    const closedAt = await h.closeWave(suite.world.api, programme);
    assert.match(closedAt, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal((await suite.world.api.call('GET', `/api/v1/forms/${token}`)).status, 410);
});

test('Chromium, without JavaScript, gets 404 for an unknown link and takes a screenshot', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    try {
        const page = await context.newPage();
        const response = await h.open(page, `${suite.world.baseUrl}/f/${h.unknownToken()}`);
        assert.equal(response.status(), 404);
        const file = await h.screenshot(page, 'harness-unknown-link');
        assert.ok(existsSync(file));
    } finally {
        await context.close();
    }
});

test('axe-core runs in a page and reports a violation with its target', async () => {
    const context = await suite.browser.newContext({ bypassCSP: true });
    try {
        const page = await context.newPage();
        await page.setContent('<!doctype html><html lang="en"><head><title>t</title></head>' +
            '<body><main><h1>t</h1><img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>');
        const violations = await h.axeViolations(page);
        assert.deepEqual(violations.map((violation) => violation.id), ['image-alt']);
        assert.deepEqual(violations[0].targets, ['#no-alt']);
        assert.match(h.describeViolations('sample', violations), /^sample: image-alt \(critical\): .+\n {4}#no-alt$/);
    } finally {
        await context.close();
    }
});
