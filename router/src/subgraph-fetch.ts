// The fetcher the gateway uses to call subgraphs: undici's `request` over one keep-alive Agent.
//
// Why not the gateway's default (make-fetch-happen) or `fetch`: the default opens connections the
// router cannot tune (and an agent set in willSendRequest is ignored), and WHATWG fetch pays for
// streams and Request/Response objects on every call. `request` is undici's fast path; this file
// adapts its result to the small Response surface RemoteGraphQLDataSource reads (ok, status,
// statusText, url, headers.get, json/text).
import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** The gateway's fetch signature (from @apollo/utils.fetcher, which we do not depend on directly). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

export interface SubgraphConnections {
  fetcher: Fetcher;
  close(): Promise<void>;
}

/** Read-only headers over undici's plain object (names are already lower-case). */
class ResponseHeaders implements FetcherHeaders {
  constructor(private readonly raw: Dispatcher.ResponseData['headers']) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  append(): never {
    throw new Error('response headers are read-only');
  }
  set(): never {
    throw new Error('response headers are read-only');
  }
  delete(): never {
    throw new Error('response headers are read-only');
  }
}

class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: ResponseHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    private readonly data: Dispatcher.ResponseData,
  ) {
    this.headers = new ResponseHeaders(data.headers);
  }
  get status(): number {
    return this.data.statusCode;
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  private body() {
    this.bodyUsed = true;
    return this.data.body;
  }
  text(): Promise<string> {
    return this.body().text();
  }
  json(): Promise<unknown> {
    return this.body().json();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.body().arrayBuffer();
  }
  clone(): never {
    throw new Error('subgraph responses cannot be cloned');
  }
}

export function createSubgraphConnections(): SubgraphConnections {
  const agent = new Agent({
    keepAliveTimeout: 30_000, // idle sockets are kept this long (the subgraphs keep theirs longer)
    keepAliveMaxTimeout: 10 * 60_000,
    connections: 256, // per subgraph origin; more than the router's concurrency needs
  });
  const targets = new Map<string, { origin: string; path: string }>(); // a handful of subgraph URLs
  const target = (url: string) => {
    let t = targets.get(url);
    if (!t) {
      const parsed = new URL(url);
      t = { origin: parsed.origin, path: parsed.pathname + parsed.search };
      targets.set(url, t);
    }
    return t;
  };
  const fetcher = (async (url: string, init = {}) => {
    const { origin, path } = target(url);
    const data = await agent.request({
      origin,
      path,
      method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    return new SubgraphResponse(url, data);
  }) as Fetcher;
  return { fetcher, close: () => agent.close() };
}
