/**
 * The name and organisation a user last signed a note with, offered again next time. Kept per
 * signed-in user, so that on a shared tablet one person's name is never offered to the next.
 */
const KEY = 'yol.noteAuthor';

function keyFor(userId: string | undefined): string {
	return userId ? `${KEY}:${userId}` : KEY;
}

export interface NoteAuthor {
	name: string;
	organisationId: string;
}

export function rememberedAuthor(userId?: string): NoteAuthor {
	try {
		const saved = JSON.parse(
			localStorage.getItem(keyFor(userId)) ?? 'null'
		) as Partial<NoteAuthor> | null;
		return { name: saved?.name ?? '', organisationId: saved?.organisationId ?? '' };
	} catch {
		return { name: '', organisationId: '' };
	}
}

export function rememberAuthor(author: NoteAuthor, userId?: string): void {
	try {
		localStorage.setItem(keyFor(userId), JSON.stringify(author));
	} catch {
		// Private mode or a full disk: the form simply starts empty next time.
	}
}
