import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../src/lib/server/db/postgres';
import type { Store } from '../../src/lib/server/db/store';
import { freePort, ServerProcess, type ServerDb } from './server';

/**
 * The deployment of issue #22 on one machine: a PostgreSQL of the harness's own (so that it can
 * be stopped and restarted without touching anyone else's), three app servers (`node
 * scripts/server.js` on the build) on loopback ports, and Debian's nginx as a round-robin reverse
 * proxy in front, run as an unprivileged process from a temp folder. Everything it starts is
 * stopped by `stop()`, and by a process exit hook should a test runner die first.
 *
 * Missing programs fail loudly (never a silent skip): CI installs them (.ci/run), and here
 * `apt-get install -y nginx postgresql`.
 */

/** nginx connects to the app servers from this loopback address: the only one they trust. */
export const PROXY_ADDRESS = '127.0.0.2';

const cleanups = new Set<() => void>();
process.once('exit', () => {
	for (const cleanup of cleanups) cleanup();
});

function runAs(user: string | undefined): { uid?: number; gid?: number } {
	if (!user || process.getuid?.() !== 0) return {};
	const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
	const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
	return { uid, gid };
}

function chownTree(dir: string, ids: { uid?: number; gid?: number }): void {
	if (ids.uid === undefined || ids.gid === undefined) return;
	chownSync(dir, ids.uid, ids.gid);
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) chownTree(path, ids);
		else chownSync(path, ids.uid, ids.gid);
	}
}

/** The newest installed PostgreSQL's programs (Debian keeps them out of PATH). */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(a) - Number(b))
		: [];
	const newest = versions.at(-1);
	if (!newest) {
		throw new Error(
			'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the scale fault ' +
				'tests need it. Install it: apt-get install -y postgresql (.ci/run does).'
		);
	}
	return join(root, newest, 'bin');
}

/** nginx's path, or a loud failure saying how to get it. */
export function nginxBin(): string {
	for (const path of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(path)) return path;
	throw new Error(
		'nginx is not installed: the scale fault tests run it as the reverse proxy. ' +
			'Install it: apt-get install -y nginx (.ci/run does).'
	);
}

/**
 * A PostgreSQL cluster in a temp folder on a free port, owned by the `postgres` user when run as
 * root (the server refuses to run as root). Trust authentication, loopback only: it lives for
 * one test file.
 */
export class LocalPostgres {
	readonly dir = mkdtempSync(join(tmpdir(), 'yol-scale-pg-'));
	private readonly bin = postgresBin();
	private readonly ids = runAs('postgres');
	private readonly cleanup = () => this.stopNow();
	port = 0;

	get url(): string {
		return `postgres://yol@127.0.0.1:${this.port}/postgres`;
	}

	/** A URL for database `name` of this cluster. */
	urlOf(name: string): string {
		return `postgres://yol@127.0.0.1:${this.port}/${name}`;
	}

	async init(): Promise<void> {
		this.port = await freePort();
		chownTree(this.dir, this.ids);
		this.run('initdb', [
			'-D',
			join(this.dir, 'data'),
			'-U',
			'yol',
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync'
		]);
		cleanups.add(this.cleanup);
		this.start();
	}

	start(): void {
		this.run('pg_ctl', [
			'-D',
			join(this.dir, 'data'),
			'-l',
			join(this.dir, 'log'),
			'-w',
			'-t',
			'60',
			'-o',
			`-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} ` +
				'-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300',
			'start'
		]);
	}

	/** A fast shutdown: sessions are ended (their transactions roll back), then it stops. */
	stop(): void {
		this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
	}

	/** A new empty database on this cluster. */
	async createDatabase(name: string): Promise<void> {
		const admin = openPostgres({ url: this.url, max: 1 });
		try {
			await admin.exec(`CREATE DATABASE ${name}`);
		} finally {
			await admin.close();
		}
	}

	dispose(): void {
		this.stopNow();
		cleanups.delete(this.cleanup);
		rmSync(this.dir, { recursive: true, force: true });
	}

	private stopNow(): void {
		if (!existsSync(join(this.dir, 'data', 'postmaster.pid'))) return;
		spawnSync(join(this.bin, 'pg_ctl'), ['-D', join(this.dir, 'data'), '-m', 'immediate', 'stop'], {
			...this.ids,
			stdio: 'ignore'
		});
	}

	private run(program: string, args: string[]): void {
		const result = spawnSync(join(this.bin, program), args, {
			...this.ids,
			cwd: this.dir,
			encoding: 'utf8'
		});
		if (result.status !== 0) {
			throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
		}
	}
}

/**
 * nginx as a round-robin reverse proxy in front of `upstreams`, with its own config, prefix and
 * temp folders, run as `nobody` when the tests run as root (nginx itself never needs root on a
 * port above 1024). Its configuration is the one the README documents.
 */
export class Nginx {
	readonly dir = mkdtempSync(join(tmpdir(), 'yol-scale-nginx-'));
	private child: ChildProcess | undefined;
	private readonly cleanup = () => this.child?.kill('SIGKILL');
	private output = '';
	port = 0;

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async start(upstreams: readonly number[]): Promise<void> {
		const bin = nginxBin();
		this.port = await freePort();
		for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs']) {
			execFileSync('mkdir', ['-p', join(this.dir, sub)]);
		}
		writeFileSync(join(this.dir, 'nginx.conf'), nginxConfig(this.dir, this.port, upstreams));
		const ids = runAs('nobody');
		chownTree(this.dir, ids);
		const child = spawn(
			bin,
			['-p', this.dir, '-c', join(this.dir, 'nginx.conf'), '-e', join(this.dir, 'error.log')],
			{ ...ids, stdio: ['ignore', 'pipe', 'pipe'] }
		);
		this.child = child;
		cleanups.add(this.cleanup);
		const keep = (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-4000));
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		for (let i = 0; i < 200; i++) {
			if (child.exitCode !== null) break;
			try {
				await fetch(`${this.url}/api/health`);
				return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 50));
		}
		await this.stop();
		throw new Error(`nginx did not start on ${this.url}:\n${this.output}`);
	}

	/** The end of nginx's error log (why it answered 502), for a failing test's message. */
	errorLog(): string {
		const file = join(this.dir, 'error.log');
		return existsSync(file) ? readFileSync(file, 'utf8').slice(-3000) : '';
	}

	async stop(): Promise<void> {
		const child = this.child;
		this.child = undefined;
		cleanups.delete(this.cleanup);
		if (child && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** The README's nginx configuration, with this run's folders and ports. */
export function nginxConfig(dir: string, port: number, upstreams: readonly number[]): string {
	return `worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	# max_fails=0: a server that errs once is not struck off for seconds. With PostgreSQL away all
	# three err together, and a strike would turn the 503s (retry later) into 502 "no live upstreams".
	upstream yol {
${upstreams.map((p) => `		server 127.0.0.1:${p} max_fails=0;`).join('\n')}
		keepalive 32;
	}
	server {
		listen 127.0.0.1:${port};
		# adapter-node's BODY_SIZE_LIMIT decides; nginx must not refuse a push before it.
		client_max_body_size 8m;
		location / {
			proxy_pass http://yol;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host $host;
			# The client's address appended to what it sent: the app reads the last entry only
			# (XFF_DEPTH=1), and only from this proxy (YOL_TRUSTED_PROXIES).
			proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_set_header X-Request-Id $request_id;
			proxy_bind ${PROXY_ADDRESS};
			# A server that refuses the connection is skipped; a request it already took is not
			# sent again (a push is safe to repeat, but the device repeats it itself).
			proxy_next_upstream error timeout;
			proxy_connect_timeout 2s;
			proxy_read_timeout 60s;
		}
	}
}
`;
}

/** What a server behind the proxy is told about it (the README's settings). */
export function behindProxyEnv(proxyUrl: string): Record<string, string> {
	return {
		ORIGIN: proxyUrl,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		YOL_TRUSTED_PROXIES: PROXY_ADDRESS,
		LOG_LEVEL: 'warn'
	};
}

/** Three (or `count`) app servers on one database of a LocalPostgres, and nginx in front. */
export class Cluster {
	readonly servers: ServerProcess[] = [];
	readonly nginx = new Nginx();
	db!: ServerDb;
	private reader: Store | undefined;
	private readonly cleanup = () => {
		for (const server of this.servers) server.killNow();
	};

	constructor(
		readonly pg: LocalPostgres,
		private readonly count = 3
	) {}

	/** A fresh database `name`, the app servers on it, and nginx. */
	async start(name: string): Promise<void> {
		await this.pg.createDatabase(name);
		const url = this.pg.urlOf(name);
		this.db = {
			env: { DATABASE_URL: url, YOL_PG_POOL_MAX: '10' },
			open: () => openPostgres({ url, max: 2 }),
			dispose: async () => undefined
		};
		const ports = await Promise.all(Array.from({ length: this.count }, () => freePort()));
		this.nginx.port = 0;
		await this.nginx.start(ports);
		const env = behindProxyEnv(this.nginx.url);
		cleanups.add(this.cleanup);
		for (const port of ports) {
			this.servers.push(new ServerProcess(port, this.db, env, 90_000));
		}
		// One first, so that it runs the migrations alone; the others find them applied.
		await this.servers[0]!.start();
		await Promise.all(this.servers.slice(1).map((s) => s.start()));
	}

	/** A connection of the test's own to the cluster's database. */
	store(): Store {
		this.reader ??= this.db.open();
		return this.reader;
	}

	async stop(): Promise<void> {
		await this.reader?.close().catch(() => undefined);
		this.reader = undefined;
		for (const server of this.servers) await server.kill();
		this.servers.length = 0;
		cleanups.delete(this.cleanup);
		await this.nginx.stop();
	}
}
