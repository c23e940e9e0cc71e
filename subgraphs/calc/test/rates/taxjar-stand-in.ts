// A stand-in for TaxJar's rates endpoint on loopback, speaking its real shape: GET /v2/rates/:zip
// with "Authorization: Bearer <token>" → 200 { rate: {...} } (rates as decimal strings), 401/404
// with { error, detail, status }. Tests set its rates, delay and failure mode and read its log.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInRate {
  zip: string;
  state: string;
  state_rate: string;
  county: string;
  county_rate: string;
  city: string;
  city_rate: string;
  combined_district_rate: string;
  combined_rate: string;
}

export interface TaxJarStandIn {
  url: string;
  token: string;
  rates: Map<string, StandInRate>;
  /** Requests received: path with query, and the Authorization header. */
  log: Array<{ path: string; auth: string | undefined }>;
  delayMs: number;
  /** Answer every request with this HTTP status (e.g. 500), or 0 for normal answers. */
  failWith: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startTaxJarStandIn(token = 'test-token'): Promise<TaxJarStandIn> {
  const state: Omit<TaxJarStandIn, 'url' | 'close'> = {
    token,
    rates: new Map(),
    log: [],
    delayMs: 0,
    failWith: 0,
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    state.log.push({ path: req.url ?? '', auth: req.headers.authorization });
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const m = /^\/v2\/rates\/(\d{5})$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) {
      return send(res, 404, { error: 'Not Found', detail: 'No such route', status: 404 });
    }
    if (req.headers.authorization !== `Bearer ${state.token}`) {
      return send(res, 401, {
        error: 'Unauthorized',
        detail: "Not authorized for route 'GET /v2/rates/:zip'",
        status: 401,
      });
    }
    if (state.failWith) {
      return send(res, state.failWith, { error: 'Internal Server Error', status: state.failWith });
    }
    const rate = state.rates.get(m[1]!);
    if (!rate)
      return send(res, 404, {
        error: 'Not Found',
        detail: 'Resource can not be found',
        status: 404,
      });
    send(res, 200, { rate: { ...rate, country: 'US', freight_taxable: false } });
  };
  const server: Server = createServer((req, res) => {
    if (state.delayMs > 0) setTimeout(() => handle(req, res), state.delayMs);
    else handle(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const standIn = state as TaxJarStandIn;
  standIn.url = `http://127.0.0.1:${port}`;
  standIn.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return standIn;
}

/** Cleveland, OH 44114 as TaxJar would answer it: 5.75% state + 1.25% county + 1% transit district. */
export const CLEVELAND: StandInRate = {
  zip: '44114',
  state: 'OH',
  state_rate: '0.0575',
  county: 'CUYAHOGA',
  county_rate: '0.0125',
  city: 'CLEVELAND',
  city_rate: '0.0',
  combined_district_rate: '0.01',
  combined_rate: '0.08',
};
