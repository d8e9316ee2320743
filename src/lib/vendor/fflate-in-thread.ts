import {
	unzipSync,
	zipSync,
	type AsyncTerminable,
	type AsyncUnzipOptions,
	type AsyncZipOptions,
	type AsyncZippable,
	type FlateCallback,
	type FlateError,
	type UnzipCallback,
	type Zippable
} from 'fflate';

/**
 * fflate's callback `zip` and `unzip` hand entries over about 160–512 KB to workers it builds
 * from `blob:` URLs. Yol's Content-Security-Policy allows workers from its own origin only, so
 * such a worker never starts and fflate, listening only for its messages, waits forever: a
 * 10,000-row .xlsx stayed on "Reading…" and a large Excel export never downloaded. The
 * spreadsheet libraries are redirected here (vite.config.ts) and get the same work done in the
 * calling thread; reading already runs in Yol's own import worker.
 */
export * from 'fflate';

function later(run: () => void): AsyncTerminable {
	let cancelled = false;
	setTimeout(() => {
		if (!cancelled) run();
	}, 0);
	return () => {
		cancelled = true;
	};
}

export function unzip(
	data: Uint8Array,
	optsOrCb: AsyncUnzipOptions | UnzipCallback,
	maybeCb?: UnzipCallback
): AsyncTerminable {
	const cb = (typeof optsOrCb === 'function' ? optsOrCb : maybeCb) as UnzipCallback;
	const opts = typeof optsOrCb === 'function' ? {} : optsOrCb;
	return later(() => {
		let files;
		try {
			files = unzipSync(data, opts);
		} catch (error) {
			cb(error as FlateError, {});
			return;
		}
		cb(null, files);
	});
}

export function zip(
	data: AsyncZippable,
	optsOrCb: AsyncZipOptions | FlateCallback,
	maybeCb?: FlateCallback
): AsyncTerminable {
	const cb = (typeof optsOrCb === 'function' ? optsOrCb : maybeCb) as FlateCallback;
	const opts = typeof optsOrCb === 'function' ? {} : optsOrCb;
	return later(() => {
		let archive;
		try {
			archive = zipSync(data as Zippable, opts);
		} catch (error) {
			cb(error as FlateError, new Uint8Array(0));
			return;
		}
		cb(null, archive);
	});
}
