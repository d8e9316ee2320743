/**
 * The name and organisation last used to sign a note on this device, offered again next time.
 * Until accounts land (#5) a person types their name once; afterwards it comes from the actor.
 */
const KEY = 'yol.noteAuthor';

export interface NoteAuthor {
	name: string;
	organisationId: string;
}

export function rememberedAuthor(): NoteAuthor {
	try {
		const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<NoteAuthor> | null;
		return { name: saved?.name ?? '', organisationId: saved?.organisationId ?? '' };
	} catch {
		return { name: '', organisationId: '' };
	}
}

export function rememberAuthor(author: NoteAuthor): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(author));
	} catch {
		// Private mode or a full disk: the form simply starts empty next time.
	}
}
