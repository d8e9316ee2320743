// `npm run user:create -- …`: creates an account (a deployment's first administrator).
// Runs the server's own TypeScript (src/lib/server) on Node 24, which strips the types itself;
// the hook below only resolves the extension-less relative imports that code uses (a file or a
// folder's index.ts), as Vite does.
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

const cli = new URL('../src/lib/server/cli/user-create.ts', import.meta.url).href;
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
