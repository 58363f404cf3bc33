// What the browser tests share: a scratch database in the PostgreSQL of the
// test run (pg_virtualenv's PG* environment), the real yardstick binary
// serving on it (YARDSTICK_BIN, set by ctest), a MobiliseSME programme with an
// exchange and its employee's post-exchange link made through the JSON API,
// headless Debian Chromium driven by playwright-core, axe-core, and the
// directory the screenshots go to (YARDSTICK_TEST_OUTPUT).

import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = path.resolve(here, '../..');

// The npm packages are installed by ops/test (ys_npm_install), never by a
// test: without them every browser test fails, saying so.
for (const name of ['playwright-core', 'axe-core']) {
    if (!existsSync(path.join(here, 'node_modules', name, 'package.json'))) {
        throw new Error(`${name} is not installed in ${path.join(here, 'node_modules')}: ` +
            'run ops/test, which installs the browser tests\' npm packages (npm ci in tests/browser)');
    }
}
const { chromium } = await import('playwright-core');
// Injected into pages as it is (page.addScriptTag), never run in Node.
const axeSource = readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const execFileAsync = promisify(execFile);

/// The yardstick executable under test.
export function yardstickBinary() {
    const binary = process.env.YARDSTICK_BIN;
    if (!binary) {
        throw new Error('YARDSTICK_BIN is not set: run these tests through ctest (ops/test), which sets it');
    }
    if (!existsSync(binary)) {
        throw new Error(`YARDSTICK_BIN=${binary} does not exist: build the yardstick target first`);
    }
    return binary;
}

/// Where screenshots go (created on first use).
export function outputDirectory() {
    const directory = process.env.YARDSTICK_TEST_OUTPUT || path.join(repositoryRoot, 'build/dev/tests/browser-output');
    mkdirSync(directory, { recursive: true });
    return directory;
}

// ---------------------------------------------------------------------------
// PostgreSQL

// A libpq keyword=value pair, quoted when the value needs it.
function conninfoPair(key, value) {
    const plain = /^[^\s'\\]+$/.test(value);
    return `${key}=${plain ? value : `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`}`;
}

/// The connection string of `database` in the test run's PostgreSQL: spelled
/// out from PG* (as tests/support/scratch_database.cpp does), so that the
/// server gets exactly this database whatever its own environment.
export function databaseUrl(database) {
    if (process.env.YARDSTICK_TEST_DATABASE_URL) {
        return `${process.env.YARDSTICK_TEST_DATABASE_URL} ${conninfoPair('dbname', database)}`;
    }
    const pairs = [conninfoPair('dbname', database)];
    for (const [key, variable] of [['host', 'PGHOST'], ['port', 'PGPORT'], ['user', 'PGUSER'], ['password', 'PGPASSWORD']]) {
        if (process.env[variable]) {
            pairs.push(conninfoPair(key, process.env[variable]));
        }
    }
    return pairs.join(' ');
}

function adminDatabaseUrl() {
    return process.env.YARDSTICK_TEST_DATABASE_URL || databaseUrl(process.env.PGDATABASE || 'postgres');
}

async function psql(sql) {
    try {
        await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', adminDatabaseUrl(), '-c', sql]);
    } catch (error) {
        throw new Error(`psql -c "${sql}" failed (is this run inside pg_virtualenv, as ops/test does?): ` +
            `${error.stderr || error.message}`);
    }
}

let databaseCounter = 0;

/// A new, empty database; drop() removes it.
export async function createScratchDatabase() {
    const name = `yardstick_browser_${process.pid}_${databaseCounter++}_${randomBytes(3).toString('hex')}`;
    await psql(`CREATE DATABASE "${name}"`);
    return {
        name,
        url: databaseUrl(name),
        drop: () => psql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
}

// ---------------------------------------------------------------------------
// The yardstick binary

// Every serve flag also reads YARDSTICK_<FLAG> (and the URL DATABASE_URL): the
// test's own environment (YARDSTICK_BIN, ...) must not change what runs.
function childEnvironment() {
    return Object.fromEntries(Object.entries(process.env)
        .filter(([name]) => !name.startsWith('YARDSTICK_') && name !== 'DATABASE_URL'));
}

const runningServers = new Set();
// A test process that dies must not leave servers behind.
process.on('exit', () => {
    for (const child of runningServers) {
        child.kill('SIGKILL');
    }
});

/// Runs `yardstick ...arguments` to its end; returns its stdout.
export async function runYardstick(argumentsList) {
    try {
        const { stdout } = await execFileAsync(yardstickBinary(), argumentsList,
            { env: childEnvironment(), timeout: 60_000 });
        return stdout;
    } catch (error) {
        throw new Error(`yardstick ${argumentsList[0]} ${argumentsList[1] ?? ''} failed (exit ${error.code}): ` +
            `${error.stderr || error.message}`);
    }
}

/// `yardstick serve --port 0 --migrate` on `url`, once it listens: {port,
/// baseUrl, transcript(), stop()}.
export async function startServer(url, { masterKeyFile, extraArguments = [], timeoutMs = 30_000 } = {}) {
    // No scheduler: it would issue invitations behind the tests' backs.
    const argumentsList = ['serve', '--port', '0', '--migrate', '--rate-limit', 'off', '--schedule-interval', '0',
        '--database-url', url, '--master-key-file', masterKeyFile, ...extraArguments];
    const child = spawn(yardstickBinary(), argumentsList, { env: childEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    runningServers.add(child);
    const stdoutLines = [];
    const stderrLines = [];
    let exitCode = null;
    const exited = new Promise((resolve) => {
        child.on('exit', (code, signal) => {
            exitCode = code ?? `signal ${signal}`;
            runningServers.delete(child);
            resolve();
        });
    });
    const transcript = () =>
        `--- yardstick stdout ---\n${stdoutLines.join('\n')}\n--- yardstick stderr ---\n${stderrLines.join('\n')}`;

    const port = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(
            `yardstick serve did not log server.listening within ${timeoutMs} ms\n${transcript()}`)), timeoutMs);
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(new Error(`could not start ${yardstickBinary()}: ${error.message}`));
        });
        createInterface({ input: child.stderr }).on('line', (line) => stderrLines.push(line));
        createInterface({ input: child.stdout }).on('line', (line) => {
            stdoutLines.push(line);
            try {
                const entry = JSON.parse(line);
                if (entry.event === 'server.listening' && Number.isInteger(entry.port)) {
                    clearTimeout(timer);
                    resolve(entry.port);
                }
            } catch {
                // Not a JSON log line.
            }
        });
        exited.then(() => {
            clearTimeout(timer);
            reject(new Error(`yardstick serve exited (${exitCode}) before listening\n${transcript()}`));
        });
    });

    return {
        port,
        baseUrl: `http://127.0.0.1:${port}`,
        transcript,
        async stop() {
            if (exitCode !== null) {
                return;
            }
            child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(killer);
        },
    };
}

// ---------------------------------------------------------------------------
// The JSON API

/// An API client with an admin bearer token.
export function apiClient(baseUrl, token) {
    async function call(method, target, body) {
        const headers = { Authorization: `Bearer ${token}` };
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        const response = await fetch(baseUrl + target,
            { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await response.text();
        let json = null;
        try {
            json = JSON.parse(text);
        } catch {
            // Left null: the caller sees the text in its message.
        }
        return { status: response.status, json, text };
    }
    return {
        call,
        /// `method target body`, failing unless the status is `expected`.
        async expect(expected, method, target, body) {
            const response = await call(method, target, body);
            if (response.status !== expected) {
                throw new Error(`${method} ${target} ${body === undefined ? '' : JSON.stringify(body)}: ` +
                    `expected ${expected}, got ${response.status}: ${response.text}`);
            }
            return response.json;
        },
    };
}

/// The instrument the employee answers after the exchange, as bundled.
export function employeePostInstrument() {
    return JSON.parse(readFileSync(
        path.join(repositoryRoot, 'server/templates/mobilisesme/instruments/mobilisesme-employee-post.json'), 'utf8'));
}

/// The contact a programme made from the mobilisesme template names (the
/// template's settings.contact), or null when the template has none.
export function mobilisesmeContact() {
    const template = JSON.parse(readFileSync(
        path.join(repositoryRoot, 'server/templates/mobilisesme/programme.json'), 'utf8'));
    return template.settings?.contact ?? null;
}

let personCounter = 0;

/// A MobiliseSME programme `slug` with a Belgian sending and a French hosting
/// company, each with a contact person: {slug, base, sendingId, hostingId}.
export async function createProgramme(api, slug, name = 'MobiliseSME pilote') {
    await api.expect(201, 'POST', '/api/v1/programmes', { slug, name, template: 'mobilisesme' });
    const base = `/api/v1/programmes/${slug}`;
    const organisation = async (organisationName, country, sector) =>
        (await api.expect(201, 'POST', `${base}/organisations`,
            { name: organisationName, country, sector, size: 'small' })).id;
    const sendingId = await organisation('Atelier Dupont', 'BE', 'C25');
    const hostingId = await organisation('Logiciels Martin', 'FR', 'J62');
    await addParticipant(api, base, sendingId, 'contact', 'Claire Dupont', 'fr');
    await addParticipant(api, base, hostingId, 'contact', 'Julien Martin', 'fr');
    return { slug, base, sendingId, hostingId };
}

async function addParticipant(api, base, organisationId, role, name, language) {
    const email = `person${++personCounter}.${process.pid}@example.org`;
    return (await api.expect(201, 'POST', `${base}/participants`,
        { organisation_id: organisationId, role, name, email, language })).id;
}

/// A new employee of the sending company (answering in `language`), their
/// exchange to the hosting company, and their `post` invitation:
/// {token, link, invitationId, participantId}.
export async function inviteEmployee(api, baseUrl, programme, { language = 'fr' } = {}) {
    const participantId = await addParticipant(api, programme.base, programme.sendingId, 'employee', 'Luc Lambert', language);
    const engagement = await api.expect(201, 'POST', `${programme.base}/engagements`, {
        kind: 'exchange',
        sending_organisation_id: programme.sendingId,
        hosting_organisation_id: programme.hostingId,
        participant_id: participantId,
        starts_on: '2025-03-03',
        ends_on: '2025-04-01',
    });
    const invitation = await api.expect(201, 'POST', `${programme.base}/invitations`,
        { engagement_id: engagement.id, respondent: 'employee', wave: 'post' });
    const token = String(invitation.url).split('/').pop();
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) {
        throw new Error(`the invitation has no personal link: ${JSON.stringify(invitation)}`);
    }
    // The link on this server, whatever public URL the server was given.
    return { token, link: `${baseUrl}/f/${token}`, invitationId: invitation.id, participantId };
}

/// Closes `wave` of `programme` for every link; returns its closed_at.
export async function closeWave(api, programme, wave = 'post') {
    const closed = await api.expect(200, 'POST', `${programme.base}/waves/${wave}/close`);
    if (!closed?.closed_at) {
        throw new Error(`closing ${wave} answered no closed_at: ${JSON.stringify(closed)}`);
    }
    return closed.closed_at;
}

/// A token of the right shape (43 base64url characters) that no invitation has.
export function unknownToken() {
    return randomBytes(32).toString('base64url');
}

/// Everything a browser test needs: a scratch database, a server on it, an
/// admin API client, the programme `pilote` and a first link. close() undoes it.
export async function setUp() {
    const scratch = mkdtempSync(path.join(tmpdir(), 'yardstick-browser-'));
    const database = await createScratchDatabase();
    let server = null;
    try {
        const masterKeyFile = path.join(scratch, 'master-key');
        server = await startServer(database.url, { masterKeyFile });
        const stdout = await runYardstick(['token', 'create', '--database-url', database.url,
            '--user', 'admin@localhost', '--role', 'admin']);
        const token = stdout.trim().split('\n').pop().trim();
        const api = apiClient(server.baseUrl, token);
        const programme = await createProgramme(api, 'pilote');
        return {
            server,
            api,
            programme,
            baseUrl: server.baseUrl,
            databaseUrl: database.url,
            /// The server's master key file (the one database meets only one key).
            masterKeyFile,
            /// A fresh employee link in `programme` (default: pilote).
            newLink: (options = {}) => inviteEmployee(api, server.baseUrl, options.programme ?? programme, options),
            createProgramme: (slug) => createProgramme(api, slug),
            async close() {
                await server.stop();
                await database.drop();
                rmSync(scratch, { recursive: true, force: true });
            },
        };
    } catch (error) {
        if (server) {
            await server.stop();
        }
        await database.drop().catch(() => {});
        rmSync(scratch, { recursive: true, force: true });
        throw error;
    }
}

// ---------------------------------------------------------------------------
// Chromium

// What headless Chromium needs on these machines: no sandbox (root), no GPU,
// and none of its own connections to the outside (refused here, and slow).
export const chromiumArguments = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync',
];

/// Debian's Chromium, headless, with a fresh profile (playwright-core makes
/// a new empty user-data-dir for every launch).
export async function launchChromium() {
    return chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        chromiumSandbox: false,
        args: chromiumArguments,
    });
}

/// Registers the calling test file's before and after hooks: setUp() and
/// launchChromium() before its first test, both closed after its last.
/// Returns {world, browser}, filled in by the before hook.
export function setUpSuite() {
    const suite = { world: null, browser: null };
    before(async () => {
        suite.world = await setUp();
        suite.browser = await launchChromium();
    });
    after(async () => {
        await suite.browser?.close();
        await suite.world?.close();
    });
    return suite;
}

/// Full-page screenshot `name`.png in the output directory; returns its path.
export async function screenshot(page, name) {
    const file = path.join(outputDirectory(), `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}

/// axe-core's WCAG 2.0/2.1 A and AA violations on the page now shown (the
/// page's context must have bypassCSP: true, for the injected script).
export async function axeViolations(page) {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const results = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            helpUrl: violation.helpUrl,
            targets: violation.nodes.map((node) => node.target.join(' ')),
        }));
    });
}

/// The violations as lines a person can act on.
export function describeViolations(pageType, violations) {
    return violations.map((violation) =>
        `${pageType}: ${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.targets.map((target) => `    ${target}`).join('\n')).join('\n');
}

// ---------------------------------------------------------------------------
// The participant form (docs/participant-forms.md)

/// What the employee answers, by question key: every question of
/// mobilisesme-employee-post (none has a relevance condition).
export const employeeAnswers = {
    training_role: 'both',
    professional_development: '4',
    career_opportunities: '5',
    skills_benefit_company: '4',
    skill_technical: '4',
    skill_language: '3',
    skill_intercultural: '5',
    skill_business_abroad: '2',
    recommend: '9',
    still_in_contact: 'true',
    comment: 'Très enrichissant : une autre façon de travailler, à garder telle quelle.',
};

/// The headers docs/participant-forms.md asks of every page.
export const pageHeaders = {
    'content-security-policy':
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
};

/// The selector of a question's control for `value` (by name and value, as
/// the contract fixes them; the first option's id is q-{key}, the others' q-{key}-{value}).
function optionSelector(key, value) {
    return `input[name="${key}"][value="${value}"]`;
}

/// Fills `questions` (instrument questions) with `answers` (key → value as
/// the form posts it; an array for `multiple`), skipping keys not in `answers`.
export async function fillQuestions(page, questions, answers) {
    for (const question of questions) {
        const key = question.key;
        if (!(key in answers)) {
            continue;
        }
        const value = answers[key];
        switch (question.type) {
            case 'likert5':
            case 'scale':
            case 'boolean':
            case 'single':
                await page.check(optionSelector(key, value));
                break;
            case 'multiple':
                for (const each of value) {
                    await page.check(optionSelector(key, each));
                }
                break;
            case 'text':
                await page.fill(`textarea[name="${key}"]`, value);
                break;
            case 'date':
                await page.fill(`input[type="date"][name="${key}"]`, value);
                break;
            default: // integer, decimal
                await page.fill(`input[name="${key}"]`, value);
        }
    }
}

/// Presses the form's `_action` button `action` and waits for the page that
/// follows: {response (the page shown), status, postStatus (what the POST
/// itself was answered: 303 when redirected)}.
export async function press(page, action) {
    const navigation = page.waitForNavigation({ waitUntil: 'load' });
    await page.click(`[name="_action"][value="${action}"]`);
    const response = await navigation;
    if (!response) {
        throw new Error(`pressing ${action} led to no new page`);
    }
    const post = response.request().redirectedFrom();
    const postResponse = post ? await post.response() : response;
    return { response, status: response.status(), postStatus: postResponse?.status() };
}

/// The `_page` the form on the page posts ('start', '1' … 'M', 'check'), or null.
export async function formPage(page) {
    const field = page.locator('form input[name="_page"]');
    return (await field.count()) === 0 ? null : field.first().getAttribute('value');
}

/// Opens `url` and returns its response.
export async function open(page, url) {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response) {
        throw new Error(`opening ${url} gave no response`);
    }
    return response;
}

/// Watches every request `page` makes; returns a function listing those that
/// went anywhere but `baseUrl` (the pages load nothing from elsewhere).
export function watchForeignRequests(page, baseUrl) {
    const foreign = [];
    page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${baseUrl}/`) && !url.startsWith('data:') && url !== 'about:blank') {
            foreign.push(url);
        }
    });
    return () => foreign;
}
