import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes, which is
 * OWASP's minimum recommendation and takes some tens of milliseconds here.
 */
export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (no such user) it checks against a
 * dummy one anyway, so an unknown username takes as long as a wrong password and a stranger
 * cannot learn which usernames exist by timing the answer.
 */
export async function checkPassword(
	stored: string | undefined,
	password: string
): Promise<boolean> {
	if (stored === undefined) {
		dummy ??= hashPassword('not a real password, only spends the same time');
		await verify(await dummy, password).catch(() => false);
		return false;
	}
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}
