import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { CreateUserSchema, ROLES } from '../../domain/auth';
import { LANGUAGES } from '../../domain/languages';
import { loadConfig } from '../config';
import { describeStore, openStore } from '../db/index';
import { migrate } from '../db/migrate';
import { createUser, UsernameTakenError } from '../auth/users';

/**
 * `npm run user:create -- --username … --name … --organisation … --role admin`: creates an
 * account in the configured store (DATABASE_URL or the SQLite file), typically a deployment's
 * first administrator. The password is never an argument (it would stay in the shell history):
 * it is asked for twice without echo, or read from the first line of stdin when piped.
 */

const USAGE = `Usage: npm run user:create -- --username NAME --name "Full Name" --organisation "Org" \\
         --role ${ROLES.join('|')} [--language ${LANGUAGES.join('|')}] [--locations id,id]
The password is asked for (or read from stdin when piped); at least 10 characters.`;

export async function main(argv: string[]): Promise<number> {
	let values: Record<string, string | boolean | undefined>;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				username: { type: 'string' },
				name: { type: 'string' },
				organisation: { type: 'string' },
				role: { type: 'string' },
				language: { type: 'string', default: 'az' },
				locations: { type: 'string' },
				help: { type: 'boolean' }
			} as const,
			strict: true
		}));
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const password = await readPassword();
	const locations = typeof values.locations === 'string' ? values.locations : undefined;
	const parsed = v.safeParse(CreateUserSchema, {
		username: values.username,
		name: values.name,
		organisation: values.organisation,
		role: values.role,
		language: values.language,
		locationIds: locations ? locations.split(',').map((s) => s.trim()) : null,
		password
	});
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const field = v.getDotPath(issue);
		console.error(`${field ? `${field}: ` : ''}${issue.message}\n\n${USAGE}`);
		return 2;
	}
	const config = loadConfig();
	const store = openStore(config);
	try {
		await migrate(store);
		const user = await createUser(store, parsed.output, {
			userId: null,
			deviceId: 'cli',
			at: new Date().toISOString()
		});
		console.log(
			`Created ${user.role} "${user.username}" (${user.name}, ${user.organisation}) in ${describeStore(config)}.`
		);
		return 0;
	} catch (error) {
		if (error instanceof UsernameTakenError) {
			console.error(error.message);
			return 1;
		}
		throw error;
	} finally {
		await store.close();
	}
}

async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
	}
	const first = await askHidden('Password (at least 10 characters): ');
	const again = await askHidden('Password again: ');
	if (first !== again) {
		console.error('The two passwords differ.');
		process.exit(2);
	}
	return first;
}

/** Reads one line from the terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
	return new Promise((resolve) => {
		process.stdout.write(prompt);
		const stdin = process.stdin;
		stdin.setRawMode(true);
		stdin.resume();
		let typed = '';
		const onData = (data: Buffer) => {
			for (const char of data.toString('utf8')) {
				if (char === '\r' || char === '\n') {
					stdin.setRawMode(false);
					stdin.pause();
					stdin.off('data', onData);
					process.stdout.write('\n');
					resolve(typed);
					return;
				}
				if (char === '\u0003') process.exit(130);
				if (char === '\u007f') typed = typed.slice(0, -1);
				else typed += char;
			}
		};
		stdin.on('data', onData);
	});
}
