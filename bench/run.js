// `npm run bench [name]`: runs every benchmark in bench/*.bench.js (or those whose file name
// contains `name`) against the production build and writes docs/benchmarks.md with the machine,
// the date and each figure. Figures are medians. A partial run replaces only its own sections
// and keeps the others, each section saying when it was measured, so that one slow benchmark can
// be re-run without throwing away the rest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { datedSections, mergeSections, splitSections, stampSection } from './sections.js';
import { cpus, totalmem, platform, release } from 'node:os';

const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
	stdio: ['ignore', 'ignore', 'inherit']
});
if (build.status !== 0) process.exit(build.status ?? 1);

const only = process.argv[2];
const files = readdirSync('bench')
	.filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only)))
	.sort();

const sections = [];
for (const file of files) {
	console.log(`bench: ${file}`);
	const mod = await import(new URL(`./${file}`, import.meta.url).href);
	const section = await mod.run();
	console.log(section.markdown);
	sections.push(...splitSections(stampSection(section.markdown, new Date())).sections);
}

const previous =
	only && existsSync('docs/benchmarks.md')
		? datedSections(readFileSync('docs/benchmarks.md', 'utf8'))
		: [];
const merged = mergeSections(previous, sections);

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
	'# Benchmarks',
	'',
	'Written by `npm run bench`; do not edit by hand. Figures are medians of repeated runs on',
	'the machine below, which is shared and noisy: compare ratios, not single runs. Each section',
	'says when it was measured (`npm run bench <name>` re-runs one and keeps the others).',
	'',
	`- Written: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
	`- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}`,
	`- Node ${process.versions.node}`,
	''
];
mkdirSync('docs', { recursive: true });
writeFileSync('docs/benchmarks.md', [...header, ...merged].join('\n') + '\n');
console.log('bench: wrote docs/benchmarks.md');
