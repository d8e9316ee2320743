// `npm run bench`: runs every benchmark in bench/*.bench.js against the production build and
// writes docs/benchmarks.md with the machine, the date and each figure. Figures are medians.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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
	sections.push(section.markdown);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = [
	'# Benchmarks',
	'',
	'Written by `npm run bench`; do not edit by hand. Figures are medians of repeated runs on',
	'the machine below, which is shared and noisy: compare ratios, not single runs.',
	'',
	`- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
	`- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}`,
	`- Node ${process.versions.node}`,
	''
];
mkdirSync('docs', { recursive: true });
writeFileSync('docs/benchmarks.md', [...header, ...sections].join('\n') + '\n');
console.log('bench: wrote docs/benchmarks.md');
