// The participant forms (docs/participant-forms.md) in headless Chromium:
// an employee of a Belgian company, whose language is French, answers the
// MobiliseSME questionnaire after the exchange through their personal link,
// with and without JavaScript; a missing required answer; links that do not
// (or no longer) open a form.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as h from './harness.mjs';

const instrument = h.employeePostInstrument();
const sections = instrument.sections;
const questions = sections.flatMap((section) => section.questions);

const suite = h.setUpSuite();

// Runs a scenario in a new browser context (an English-speaking browser);
// on failure, saves a screenshot of where it stopped and prints it with the
// end of the server's log.
async function scenario(name, contextOptions, body) {
    const context = await suite.browser.newContext({ locale: 'en-GB', ...contextOptions });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    try {
        await body(page);
    } catch (error) {
        const shot = await h.screenshot(page, `failed-${name}`).catch(() => null);
        const log = suite.world.server.transcript().split('\n').slice(-20).join('\n');
        console.log(`${name} stopped at ${page.url()}${shot ? ` (screenshot ${shot})` : ''}\n${log}`);
        throw error;
    } finally {
        await context.close();
    }
}

function assertContractHeaders(response, what) {
    const headers = response.headers();
    for (const [name, value] of Object.entries(h.pageHeaders)) {
        assert.equal(headers[name], value, `${what}: header ${name}`);
    }
    assert.match(headers['content-type'] ?? '', /^text\/html/, `${what}: content-type`);
}

async function assertLanguage(page, language, what) {
    assert.equal(await page.getAttribute('html', 'lang'), language, `${what}: <html lang>`);
}

// What the API shows for the answers the form posted: typed by the question.
function typedAnswers(answers) {
    const typed = {};
    for (const question of questions) {
        const value = answers[question.key];
        if (value === undefined) {
            continue;
        }
        switch (question.type) {
            case 'likert5':
            case 'scale':
            case 'integer':
                typed[question.key] = Number.parseInt(value, 10);
                break;
            case 'decimal':
                typed[question.key] = Number.parseFloat(String(value).replace(',', '.'));
                break;
            case 'boolean':
                typed[question.key] = value === 'true';
                break;
            default:
                typed[question.key] = value;
        }
    }
    return typed;
}

// The start page → every section via Continue → the check page → Submit →
// the confirmation, all in French although the browser asks for English.
async function answerEverything(page, { token, link }, what) {
    const foreignRequests = h.watchForeignRequests(page, suite.world.baseUrl);

    const start = await h.open(page, link);
    assert.equal(start.status(), 200, `${what}: GET /f/{token} of a new link`);
    assertContractHeaders(start, `${what}: start page`);
    await assertLanguage(page, 'fr', `${what}: start page (the participant's language beats Accept-Language)`);
    assert.equal(await h.formPage(page), 'start', `${what}: a new link opens on the start page`);
    const body = await page.textContent('body');
    assert.ok(body.includes(instrument.consent.statement.fr), `${what}: the start page shows the French consent statement`);
    const action = await page.getAttribute('form[method="post"]', 'action');
    assert.match(action ?? '', new RegExp(`^/f/${token}\\?(.*&)?lang=fr(&|$)`), `${what}: the form's action keeps lang`);
    const consent = page.locator('input[type="checkbox"][name="consent"]');
    assert.equal(await consent.getAttribute('value'), String(instrument.consent.version),
        `${what}: the consent checkbox's value is the consent version`);
    await consent.check();
    let step = await h.press(page, 'continue');
    assert.equal(step.postStatus, 303, `${what}: Continue on the start page is 303`);
    assert.equal(step.status, 200);

    for (const [index, section] of sections.entries()) {
        const number = String(index + 1);
        const here = `${what}: section ${number}`;
        assert.equal(await h.formPage(page), number, `${here}: the page after Continue`);
        await assertLanguage(page, 'fr', here);
        for (const question of section.questions) {
            assert.equal(await page.locator(`#q-${question.key}`).count(), 1, `${here}: one #q-${question.key}`);
            assert.ok((await page.textContent('body')).includes(question.text.fr), `${here}: ${question.key} in French`);
        }
        await h.fillQuestions(page, section.questions, h.employeeAnswers);
        step = await h.press(page, 'continue');
        assert.equal(step.postStatus, 303, `${here}: Continue with valid answers is 303`);
        assert.equal(step.status, 200);
    }

    assert.equal(await h.formPage(page), 'check', `${what}: after the last section, the check page`);
    await assertLanguage(page, 'fr', `${what}: check page`);
    assert.ok((await page.textContent('body')).includes(h.employeeAnswers.comment), `${what}: the check page shows the comment`);
    for (let number = 1; number <= sections.length; ++number) {
        assert.ok(await page.locator(`a[href*="page=${number}"]`).count() > 0,
            `${what}: the check page links to section ${number} (Change)`);
    }
    step = await h.press(page, 'submit');
    assert.equal(step.postStatus, 303, `${what}: Submit is 303`);
    assert.equal(new URL(page.url()).pathname, `/f/${token}/done`, `${what}: Submit leads to the confirmation`);
    assert.equal(step.status, 200);
    assertContractHeaders(step.response, `${what}: confirmation page`);
    await assertLanguage(page, 'fr', `${what}: confirmation page`);
    // The contract names no element for the receipt; the pages give it id="receipt".
    const receipt = (await page.locator('#receipt').textContent())?.trim() ?? '';
    assert.match(receipt, /\d/, `${what}: the confirmation shows a receipt number`);
    assert.ok((await page.textContent('body')).includes(h.employeeAnswers.comment), `${what}: the confirmation shows what was answered`);

    const form = await suite.world.api.expect(200, 'GET', `/api/v1/forms/${token}`);
    assert.equal(form.status, 'submitted', `${what}: the API sees the submission`);
    assert.deepEqual(form.answers, typedAnswers(h.employeeAnswers), `${what}: the API has every answer`);

    // The link still works until the wave closes: on the check page.
    const again = await h.open(page, link);
    assert.equal(again.status(), 200, `${what}: the link after the submission`);
    assert.equal(await h.formPage(page), 'check', `${what}: a submitted link opens on the check page`);
    assert.deepEqual(foreignRequests(), [], `${what}: nothing was loaded from anywhere but the server`);
}

test('without JavaScript, the employee answers and submits the whole form in French', { timeout: 120_000 }, async () => {
    const link = await suite.world.newLink();
    await scenario('no-javascript', { javaScriptEnabled: false }, (page) => answerEverything(page, link, 'no JavaScript'));
});

test('with JavaScript, the employee answers and submits the whole form in French', { timeout: 120_000 }, async () => {
    const link = await suite.world.newLink();
    await scenario('javascript', { javaScriptEnabled: true }, (page) => answerEverything(page, link, 'JavaScript'));
});

test('a missing required answer is a 422 page whose summary links to the question, the other answers kept',
    { timeout: 120_000 }, async () => {
        const { link } = await suite.world.newLink();
        await scenario('missing-answer', { javaScriptEnabled: false }, async (page) => {
            assert.equal((await h.open(page, link)).status(), 200, 'GET /f/{token}');
            // The start page without the consent box.
            let step = await h.press(page, 'continue');
            assert.equal(step.status, 422, 'Continue on the start page without consent');
            assert.equal(await h.formPage(page), 'start');
            assert.equal(await page.locator('[role="alert"]').count(), 1, 'the start page has an error summary');
            await page.check('input[type="checkbox"][name="consent"]');
            step = await h.press(page, 'continue');
            assert.equal(step.postStatus, 303);

            for (const section of sections.slice(0, -1)) {
                await h.fillQuestions(page, section.questions, h.employeeAnswers);
                assert.equal((await h.press(page, 'continue')).postStatus, 303);
            }
            // The last section with its required `recommend` left out.
            const last = sections.at(-1);
            const missing = 'recommend';
            assert.ok(last.questions.find((question) => question.key === missing).required);
            const { [missing]: _left, ...typed } = h.employeeAnswers;
            await h.fillQuestions(page, last.questions, typed);
            step = await h.press(page, 'continue');
            assert.equal(step.status, 422, 'Continue with a required answer missing');
            assert.equal(step.postStatus, 422, 'answered 422 itself, not redirected');
            assert.equal(await h.formPage(page), String(sections.length), 'the same section again');
            await assertLanguage(page, 'fr', '422 page');

            const summary = page.locator('[role="alert"]');
            assert.equal(await summary.count(), 1, 'one error summary (role="alert")');
            assert.ok(await summary.isVisible(), 'the summary is visible');
            const links = summary.locator('a');
            assert.equal(await links.count(), 1, 'the summary links to the one wrong field only');
            assert.equal(await links.first().getAttribute('href'), `#q-${missing}`);
            assert.equal(await page.locator(`#q-${missing}`).count(), 1, 'the link leads to the question');
            assert.equal(await page.locator(`#q-${missing}-error`).count(), 1, 'the message beside the question');
            assert.ok(!(await page.locator(`input[name="${missing}"]:checked`).count()), 'nothing chosen for it');

            // Everything else as typed.
            assert.equal(await page.inputValue('textarea[name="comment"]'), h.employeeAnswers.comment, 'the comment kept');
            assert.ok(await page.isChecked(`input[name="still_in_contact"][value="${h.employeeAnswers.still_in_contact}"]`),
                'the yes/no answer kept');

            // Answering it goes on to the check page.
            await h.fillQuestions(page, last.questions, { [missing]: h.employeeAnswers[missing] });
            step = await h.press(page, 'continue');
            assert.equal(step.postStatus, 303, 'Continue once answered');
            assert.equal(await h.formPage(page), 'check');
        });
    });

test('an unknown link is a 404 page', { timeout: 60_000 }, async () => {
    await scenario('unknown-link', {}, async (page) => {
        const response = await h.open(page, `${suite.world.baseUrl}/f/${h.unknownToken()}`);
        assert.equal(response.status(), 404);
        assertContractHeaders(response, '404 page');
        assert.ok(!(await page.textContent('body')).includes('MobiliseSME'), 'the page names no programme');
    });
});

test('a link of a closed wave is a 410 page that says when it closed and whom to write to', { timeout: 60_000 }, async () => {
    const programme = await suite.world.createProgramme('vague-close');
    const { link } = await suite.world.newLink({ programme });
    const closedAt = await h.closeWave(suite.world.api, programme);
    // The programme's contact: from the API if it shows one, else its template's.
    const shown = await suite.world.api.expect(200, 'GET', programme.base);
    const contact = shown?.settings?.contact ?? h.mobilisesmeContact();
    await scenario('closed-wave', {}, async (page) => {
        const response = await h.open(page, link);
        assert.equal(response.status(), 410);
        assertContractHeaders(response, '410 page');
        await assertLanguage(page, 'fr', '410 page');
        const body = await page.textContent('body');
        assert.ok(body.includes(closedAt.slice(0, 4)), `the page says when the wave closed (${closedAt})`);
        if (contact) {
            assert.ok(body.includes(contact), `the page names the programme's contact ${contact}`);
        }
    });
});
