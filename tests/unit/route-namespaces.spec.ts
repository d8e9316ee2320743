import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_NAMESPACES, SHELL_NAMESPACES, namespacesFor } from '../../src/lib/i18n/namespaces';

// Each route loads only the message namespaces its lists name (src/lib/i18n/namespaces.ts), so
// a key of another namespace would show untranslated. This follows every import (static and
// dynamic) from each route's files through src and checks the namespaces its code names.

const SRC = resolve(import.meta.dirname, '../../src');
const ROUTES = join(SRC, 'routes');
const NAMESPACES = readdirSync(resolve(import.meta.dirname, '../../locales/en')).map((f) =>
	f.replace(/\.json$/, '')
);
const KEY = new RegExp(`['"\`](${NAMESPACES.join('|')}):`, 'g');
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
// A piece loaded on demand may bring its own words: loadNamespaces(['auth']) beside its import.
const LOADS = /loadNamespaces\(\s*\[([^\]]*)\]/g;

function resolveImport(from: string, spec: string): string | undefined {
	let base: string;
	if (spec.startsWith('$lib/')) base = join(SRC, 'lib', spec.slice(5));
	else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
	else return undefined; // a package, $app or $env: no messages of ours
	for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return undefined;
}

function namespacesReached(entry: string, seen = new Set<string>()): Map<string, string> {
	const found = new Map<string, string>(); // namespace → a file naming it
	const loadedOnDemand = new Set<string>();
	const visit = (file: string) => {
		if (seen.has(file) || !/\.(ts|svelte)$/.test(file) || file.endsWith('.spec.ts')) return;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(LOADS)) {
			for (const ns of m[1]!.matchAll(/['"]([a-z_-]+)['"]/g)) loadedOnDemand.add(ns[1]!);
		}
		for (const m of text.matchAll(KEY)) if (!found.has(m[1]!)) found.set(m[1]!, file);
		for (const m of text.matchAll(IMPORT)) {
			const target = resolveImport(file, m[1]!);
			if (target) visit(target);
		}
	};
	visit(entry);
	for (const ns of loadedOnDemand) found.delete(ns);
	return found;
}

function routeFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
		const path = join(dir, d.name);
		if (d.isDirectory()) return path === join(ROUTES, 'api') ? [] : routeFiles(path);
		return /^\+(page|layout)(\.svelte|\.ts)$/.test(d.name) ? [path] : [];
	});
}

const files = routeFiles(ROUTES);
const routeId = (file: string) => '/' + relative(ROUTES, dirname(file)).split('\\').join('/');

describe('message namespaces by route', () => {
	it('finds the route files', () => {
		expect(files.length).toBeGreaterThan(10);
	});

	it('the root layout (every screen) names only namespaces of the shell', () => {
		for (const file of files.filter((f) => dirname(f) === ROUTES && f.includes('+layout'))) {
			for (const [ns, where] of namespacesReached(file)) {
				expect(
					[...SHELL_NAMESPACES] as string[],
					`${relative(SRC, where)} uses "${ns}" on every screen`
				).toContain(ns);
			}
		}
	});

	it.each(files.map((f) => [relative(SRC, f), f]))(
		'%s names only namespaces its route loads',
		(_, file) => {
			const id = routeId(file).replace(/\/$/, '') || '/';
			const segment = id.split('/')[1] ?? '';
			expect(
				Object.keys(ROUTE_NAMESPACES),
				`add "${segment}" to ROUTE_NAMESPACES in src/lib/i18n/namespaces.ts`
			).toContain(segment);
			const loads = namespacesFor(id, NAMESPACES);
			for (const [ns, where] of namespacesReached(file)) {
				expect(loads, `${relative(SRC, where)} uses "${ns}" on ${id}`).toContain(ns);
			}
		}
	);
});
