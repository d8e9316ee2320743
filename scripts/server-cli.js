// `npm run backup` / `npm run restore`: runs src/lib/server/cli/backup.ts on Node 24, which strips
// the types itself; the hook resolves the extension-less relative imports of that code, as
// scripts/user-create.js does.
import { registerHooks } from 'node:module';

registerHooks({
	resolve(specifier, context, nextResolve) {
		try {
			return nextResolve(specifier, context);
		} catch (error) {
			const relative = specifier.startsWith('./') || specifier.startsWith('../');
			if (!relative || /\.[cm]?[jt]s$/.test(specifier)) throw error;
			try {
				return nextResolve(`${specifier}.ts`, context);
			} catch {
				return nextResolve(`${specifier}/index.ts`, context);
			}
		}
	}
});

const [command, ...args] = process.argv.slice(2);
if (command !== 'backup' && command !== 'restore') {
	console.error('Usage: node scripts/server-cli.js backup [file] | restore <file>');
	process.exit(2);
}
const cli = new URL('../src/lib/server/cli/backup.ts', import.meta.url).href;
const { main } = await import(cli);
process.exitCode = await main(command, args);
