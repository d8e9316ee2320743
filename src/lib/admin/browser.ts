/**
 * A browser and system in a few words ("Chrome", "Android") from a User-Agent, for a device that
 * has no name in the administrator's list. Unknown parts come back undefined.
 */
export function browserOf(userAgent: string | null): { browser?: string; os?: string } {
	if (!userAgent) return {};
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /Firefox\//.test(userAgent)
			? 'Firefox'
			: /(Chrome|CriOS)\//.test(userAgent)
				? 'Chrome'
				: /Safari\//.test(userAgent)
					? 'Safari'
					: undefined;
	const os = /Android/.test(userAgent)
		? 'Android'
		: /iPad|iPhone/.test(userAgent)
			? 'iOS'
			: /Windows/.test(userAgent)
				? 'Windows'
				: /Mac OS X/.test(userAgent)
					? 'macOS'
					: /Linux/.test(userAgent)
						? 'Linux'
						: undefined;
	return { browser, os };
}
