// A stand-in for Avalara AvaTax's rate lookup on loopback, in its real shape: GET
// /api/v2/taxrates/bypostalcode?country=US&postalCode= (or /byaddress with line1, city, region),
// HTTP Basic auth → 200 { totalRate, rates: [{ rate, name, type }] } with numbers; 401 with
// { error: { code, message } }.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AvalaraAnswer {
  totalRate: number;
  rates: Array<{ rate: number; name: string; type: string }>;
}

export interface AvalaraStandIn {
  url: string;
  answers: Map<string, AvalaraAnswer>;
  log: Array<{ path: string; auth: string | undefined }>;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export async function startAvalaraStandIn(
  accountId: string,
  licenseKey: string,
): Promise<AvalaraStandIn> {
  const expected = `Basic ${Buffer.from(`${accountId}:${licenseKey}`).toString('base64')}`;
  const answers = new Map<string, AvalaraAnswer>();
  const log: AvalaraStandIn['log'] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    log.push({ path: req.url ?? '', auth: req.headers.authorization });
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (!/^\/api\/v2\/taxrates\/(bypostalcode|byaddress)$/.test(url.pathname)) {
      return send(res, 404, { error: { code: 'NotFound', message: 'No such route' } });
    }
    if (req.headers.authorization !== expected) {
      return send(res, 401, {
        error: { code: 'AuthenticationException', message: 'Authentication failed.' },
      });
    }
    const answer = answers.get(url.searchParams.get('postalCode') ?? '');
    if (!answer) {
      return send(res, 400, {
        error: { code: 'InvalidAddress', message: 'The address value was incomplete.' },
      });
    }
    send(res, 200, answer);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answers,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
