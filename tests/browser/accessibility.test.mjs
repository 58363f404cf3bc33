// axe-core (WCAG 2.0 and 2.1, levels A and AA) on every kind of participant
// page, and a full-page screenshot of each in the test output directory
// (YARDSTICK_TEST_OUTPUT), named by the page type: start, section-1 … 3,
// error-422, check, done, not-found-404, gone-410.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as h from './harness.mjs';

const sections = h.employeePostInstrument().sections;

const suite = h.setUpSuite();

test('axe-core finds no WCAG 2.1 A or AA violation on any page type', { timeout: 180_000 }, async () => {
    // bypassCSP: the pages forbid every script, axe's injected one too.
    const context = await suite.browser.newContext({ bypassCSP: true, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const failures = [];
    const checked = [];

    // Checks the page now shown as `type`: a screenshot, axe, and its status
    // (a wrong one ends the walk through the form, whose next steps need it).
    async function examine(type, status, expectedStatus) {
        checked.push(type);
        await h.screenshot(page, type);
        const violations = await h.axeViolations(page);
        if (violations.length > 0) {
            failures.push(h.describeViolations(type, violations));
        }
        if (status !== expectedStatus) {
            throw new Error(`${type}: status ${status}, expected ${expectedStatus} (${page.url()})`);
        }
    }

    try {
        // The form, page by page, with a 422 on the last section.
        try {
            const { link } = await suite.world.newLink();
            await examine('start', (await h.open(page, link)).status(), 200);
            await page.check('input[type="checkbox"][name="consent"]');
            let step = await h.press(page, 'continue');
            for (const [index, section] of sections.entries()) {
                const last = index === sections.length - 1;
                await examine(`section-${index + 1}`, step.status, 200);
                if (last) {
                    const { recommend: _left, ...typed } = h.employeeAnswers;
                    await h.fillQuestions(page, section.questions, typed);
                    step = await h.press(page, 'continue');
                    await examine('error-422', step.status, 422);
                }
                await h.fillQuestions(page, section.questions, h.employeeAnswers);
                step = await h.press(page, 'continue');
            }
            await examine('check', step.status, 200);
            step = await h.press(page, 'submit');
            await examine('done', step.status, 200);
        } catch (error) {
            failures.push(`the walk through the form stopped at ${checked.at(-1) ?? 'its start'}: ${error.message}`);
        }

        // The pages of a link that does not open a form.
        const unknownLink = `${suite.world.baseUrl}/f/${h.unknownToken()}`;
        await examine('not-found-404', (await h.open(page, unknownLink)).status(), 404)
            .catch((error) => failures.push(error.message));
        const programme = await suite.world.createProgramme('vague-fermee');
        const { link: closedLink } = await suite.world.newLink({ programme });
        await h.closeWave(suite.world.api, programme);
        await examine('gone-410', (await h.open(page, closedLink)).status(), 410)
            .catch((error) => failures.push(error.message));
    } finally {
        await context.close();
    }

    if (failures.length > 0) {
        const report = `pages checked: ${checked.join(', ')}; screenshots in ${h.outputDirectory()}\n${failures.join('\n')}`;
        assert.fail(report);
    }
});
