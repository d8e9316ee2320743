// `npm test`: every gate and suite in order, then one closing line "N passed, N failed"
// totalled over the test suites (CI reads that line). Runs every step even after a failure,
// so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';

const npx = (/** @type {string[]} */ ...args) => ['npx', ...args];
const steps = [
	{ name: 'format (prettier)', cmd: npx('prettier', '--check', '.') },
	{ name: 'lint (eslint)', cmd: npx('eslint', '.', '--max-warnings', '0') },
	{ name: 'type check', cmd: ['npm', 'run', '--silent', 'check'] },
	{ name: 'unit + integration (vitest)', cmd: npx('vitest', 'run'), report: 'vitest' },
	{ name: 'build', cmd: npx('vite', 'build') },
	{
		// Against the built server process (tests/fault): after the build, before Playwright.
		name: 'fault tests (vitest, real server)',
		cmd: npx('vitest', 'run'),
		env: { YOL_FAULT_TESTS: '1' },
		report: 'vitest-fault'
	},
	{ name: 'end-to-end (playwright)', cmd: ['node', 'scripts/e2e.js'], report: 'playwright' }
];

rmSync('test-results/vitest.json', { force: true });
rmSync('test-results/vitest-fault.json', { force: true });
rmSync('test-results/playwright.json', { force: true });

/** @type {{ name: string, ok: boolean }[]} */
const results = [];
for (const step of steps) {
	console.log(`\n=== ${step.name} ===`);
	const run = spawnSync(step.cmd[0], step.cmd.slice(1), {
		stdio: 'inherit',
		env: { ...process.env, ...step.env }
	});
	results.push({ name: step.name, ok: run.status === 0 });
}

/** @param {string} file */
function readJson(file) {
	try {
		return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
	} catch {
		return undefined;
	}
}

/** The first lines of a failure message, without colour codes: enough to tell which assertion. */
function firstLines(/** @type {string | undefined} */ message) {
	// eslint-disable-next-line no-control-regex
	const plain = (message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
	return plain.split('\n').filter(Boolean).slice(0, 3).join(' | ').slice(0, 300);
}

let passed = 0;
let failed = 0;
let skipped = 0;
/** Each failed test by file and name: CI shows only the tail of a run, so the summary names them. */
/** @type {string[]} */
const failures = [];
for (const file of ['test-results/vitest.json', 'test-results/vitest-fault.json']) {
	const vitest = readJson(file);
	if (!vitest) continue;
	passed += vitest.numPassedTests;
	failed += vitest.numFailedTests;
	skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
	for (const suite of vitest.testResults ?? []) {
		const where = relative(process.cwd(), suite.name ?? '');
		const broken = (suite.assertionResults ?? []).filter(
			(/** @type {{ status: string }} */ a) => a.status === 'failed'
		);
		for (const a of broken)
			failures.push(`${where} › ${a.fullName}: ${firstLines(a.failureMessages?.[0])}`);
		// A file that fails before any test runs (an import error) has no failed assertion.
		if (suite.status === 'failed' && broken.length === 0)
			failures.push(`${where}: ${firstLines(suite.message)}`);
	}
}
const playwright = readJson('test-results/playwright.json');
if (playwright) {
	passed += playwright.stats.expected + playwright.stats.flaky;
	failed += playwright.stats.unexpected;
	skipped += playwright.stats.skipped;
	/** @param {any} suite */
	const walk = (suite) => {
		for (const spec of suite.specs ?? [])
			for (const test of spec.tests ?? [])
				if (test.status === 'unexpected') {
					const error = test.results?.at(-1)?.error?.message;
					failures.push(`${spec.file}:${spec.line} › ${spec.title}: ${firstLines(error)}`);
				}
		for (const child of suite.suites ?? []) walk(child);
	};
	for (const suite of playwright.suites ?? []) walk(suite);
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}`);
if (failures.length) {
	console.log('failed tests:');
	for (const f of failures.slice(0, 20)) console.log(`  - ${f}`);
	if (failures.length > 20) console.log(`  … and ${failures.length - 20} more`);
}
const allOk = results.every((r) => r.ok);
// A failed gate (lint, types, build) counts as a failure even when no test reported one.
if (!allOk && failed === 0) failed = results.filter((r) => !r.ok).length;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk ? 0 : 1);
