import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy between the device and the server that misbehaves on demand. `rule`
 * decides per request: pass it on, answer it itself with an error status, or break the
 * connection (before the server sees the request, after the server has answered, or halfway
 * through the answer).
 */

export type ProxyAction =
	| { kind: 'pass'; onSent?: () => void }
	/** The server gets the request and answers; the device gets nothing (socket destroyed). */
	| { kind: 'swallow' }
	/** The server answers; the device gets the head and half the body, then the socket closes. */
	| { kind: 'cut-body' }
	| { kind: 'status'; status: number; body: unknown };

export interface ProxiedRequest {
	method: string;
	path: string;
	/** What happened to it, e.g. `200`, `swallowed`, `401`. */
	outcome: string;
}

export type ProxyRule = (
	request: IncomingMessage,
	index: { push: number; pull: number }
) => ProxyAction;

export const PASS: ProxyRule = () => ({ kind: 'pass' });

export class FaultProxy {
	rule: ProxyRule = PASS;
	readonly requests: ProxiedRequest[] = [];
	private readonly counts = { push: 0, pull: 0 };
	private server: Server | undefined;
	url = '';

	constructor(private readonly upstreamPort: number) {}

	async listen(): Promise<void> {
		this.server = createServer((req, res) => {
			const path = req.url ?? '/';
			const kind = path.startsWith('/api/sync/push')
				? 'push'
				: path.startsWith('/api/sync/pull')
					? 'pull'
					: undefined;
			if (kind) this.counts[kind] += 1;
			const action = this.rule(req, { ...this.counts });
			const line: ProxiedRequest = { method: req.method ?? 'GET', path, outcome: 'pending' };
			this.requests.push(line);

			if (action.kind === 'status') {
				req.resume();
				line.outcome = String(action.status);
				res.writeHead(action.status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(action.body));
				return;
			}
			const upstream = httpRequest(
				{
					host: '127.0.0.1',
					port: this.upstreamPort,
					method: req.method,
					path,
					headers: { ...req.headers, connection: 'close' },
					agent: false
				},
				(answer) => {
					const chunks: Buffer[] = [];
					answer.on('data', (c: Buffer) => chunks.push(c));
					answer.on('error', () => {
						line.outcome = 'upstream-error';
						req.socket.destroy();
					});
					answer.on('end', () => {
						const body = Buffer.concat(chunks);
						if (action.kind === 'swallow') {
							line.outcome = 'swallowed';
							req.socket.destroy();
							return;
						}
						const headers = { ...answer.headers };
						// The body goes on as it came, compressed or not: its coding goes with it.
						delete headers['transfer-encoding'];
						headers['content-length'] = String(body.length);
						if (action.kind === 'cut-body') {
							line.outcome = 'cut';
							res.writeHead(answer.statusCode ?? 502, headers);
							res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
							return;
						}
						line.outcome = String(answer.statusCode);
						res.writeHead(answer.statusCode ?? 502, headers);
						res.end(body);
					});
				}
			);
			upstream.on('error', () => {
				// The server died or refused: the device sees its connection drop, as it would.
				line.outcome = 'upstream-down';
				req.socket.destroy();
			});
			req.pipe(upstream);
			req.on('end', () => {
				if (action.kind === 'pass') action.onSent?.();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** Requests to one endpoint, in order. */
	of(kind: 'push' | 'pull'): ProxiedRequest[] {
		return this.requests.filter((r) => r.path.startsWith(`/api/sync/${kind}`));
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}
