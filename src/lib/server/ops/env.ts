import type { Env } from '../config';

/**
 * Operators' settings, read once from the environment (beside config.ts, which holds the store's).
 *
 * | Variable            | Meaning                                                   | Default      |
 * | ------------------- | --------------------------------------------------------- | ------------ |
 * | METRICS_TOKEN       | bearer token a scraper sends to read /metrics             | unset: loopback only |
 * | YOL_TRUSTED_PROXIES | addresses whose X-Request-Id is taken (comma-separated)   | none         |
 * | LOG_LEVEL           | pino level: fatal, error, warn, info, debug, silent        | `info` (`silent` under Vitest) |
 */
export interface OpsConfig {
	metricsToken?: string;
	trustedProxies: ReadonlySet<string>;
	logLevel: string;
}

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

export function loadOpsConfig(env: Env = process.env): OpsConfig {
	const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
	const trustedProxies = new Set(
		(env.YOL_TRUSTED_PROXIES ?? '')
			.split(',')
			.map((address) => address.trim())
			.filter((address) => address !== '')
	);
	const wanted = env.LOG_LEVEL?.trim().toLowerCase();
	// A wrong level must not silence the log: it falls back to info.
	const logLevel =
		wanted && LEVELS.has(wanted) ? wanted : env.VITEST && !wanted ? 'silent' : 'info';
	return { metricsToken, trustedProxies, logLevel };
}
