// The fetcher the gateway uses to call subgraphs: undici's `dispatch` over one keep-alive Agent.
//
// Why not the gateway's default (make-fetch-happen) or `fetch`: the default opens connections the
// router cannot tune (and an agent set in willSendRequest is ignored), and WHATWG fetch pays for
// streams and Request/Response objects on every call. undici's `request` still builds a Readable
// body stream and parses every response header into an object; `dispatch` with a plain handler
// collects the body chunks and leaves the raw headers for the (at most two) lookups the gateway
// makes. This file adapts that to the small Response surface RemoteGraphQLDataSource reads (ok,
// status, statusText, url, headers.get, json/text).
import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** The gateway's fetch signature (from @apollo/utils.fetcher, which we do not depend on directly). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];
export type { FetcherResponse };

type HeaderObject = Record<string, string | string[] | undefined>;

const joined = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;

/** Read-only headers over undici's raw [name, value, …] buffers, parsed on first use. */
class ResponseHeaders implements FetcherHeaders {
  private parsed?: HeaderObject;
  constructor(private readonly rawHeaders: Buffer[]) {}
  /** Like undici's parseHeaders: lower-case names, latin1 values, repeated names as arrays. */
  private get raw(): HeaderObject {
    if (this.parsed) return this.parsed;
    const out: HeaderObject = Object.create(null) as HeaderObject;
    const raw = this.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toString('latin1').toLowerCase();
      const value = raw[i + 1]!.toString('latin1');
      const seen = out[name];
      out[name] =
        seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
    return (this.parsed = out);
  }
  // The gateway asks for one or two names per response: scanning the raw pairs (length first)
  // is cheaper than decoding every header.
  get(name: string): string | null {
    if (this.parsed) return joined(this.parsed[name.toLowerCase()]);
    const wanted = name.toLowerCase();
    const raw = this.rawHeaders;
    let found: string | string[] | undefined;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      if (raw[i]!.length !== wanted.length) continue;
      if (raw[i]!.toString('latin1').toLowerCase() !== wanted) continue;
      const value = raw[i + 1]!.toString('latin1');
      found =
        found === undefined ? value : Array.isArray(found) ? [...found, value] : [found, value];
    }
    return joined(found);
  }
  has(name: string): boolean {
    return this.get(name) !== null;
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

const utf8 = new TextDecoder(); // like undici's body.text(): UTF-8, a leading BOM dropped

class SubgraphResponse implements FetcherResponse {
  readonly redirected = false;
  readonly headers: ResponseHeaders;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    rawHeaders: Buffer[],
    private readonly bytes: Buffer,
  ) {
    this.headers = new ResponseHeaders(rawHeaders);
  }
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }
  private body(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    return this.bytes;
  }
  async text(): Promise<string> {
    return utf8.decode(this.body());
  }
  async json(): Promise<unknown> {
    return JSON.parse(utf8.decode(this.body()));
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.body();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  clone(): never {
    throw new Error('subgraph responses cannot be cloned');
  }
}

/** Collects one response (undici's dispatch handler interface). */
class Collector implements Dispatcher.DispatchHandler {
  private status = 0;
  private rawHeaders: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private abort?: (reason?: Error) => void;

  constructor(
    private readonly resolve: (response: RawResponse) => void,
    private readonly reject: (error: Error) => void,
    private readonly signal?: AbortSignal | null,
  ) {}
  onConnect(abort: (reason?: Error) => void): void {
    this.abort = abort;
    if (this.signal?.aborted) abort(this.signal.reason as Error);
  }
  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }
  onData(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }
  onComplete(): void {
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.resolve({ status: this.status, rawHeaders: this.rawHeaders, bytes: body });
  }
  onError(error: Error): void {
    this.reject(error);
  }
  cancel(reason: unknown): void {
    this.abort?.(reason as Error);
  }
}

interface RawResponse {
  status: number;
  rawHeaders: Buffer[];
  bytes: Buffer;
}

/** One in-flight subgraph fetch others may join: whose it is (to forget it after their writes). */
interface InFlight {
  identity: string;
  response: Promise<RawResponse>;
}

export interface SubgraphConnections {
  fetcher: Fetcher;
  /**
   * Like `fetcher`, but an identical request (same URL, same headers apart from `x-request-id`, same
   * body) already in flight is joined instead of sent again; each caller still gets its own response
   * object and parses its own copy of the body. Only for read-only fetches: the caller decides.
   * `identity` is the caller's credential (its authorization header, '' when anonymous).
   * Without deduplication (`dedupe: false`) it is the plain fetcher.
   */
  sharedFetch(url: string, init: SharedFetchInit, identity: string): Promise<FetcherResponse>;
  /**
   * After a caller's write: its in-flight reads can no longer be joined, so a read it starts after the
   * write's answer never receives an answer that was computed before the write.
   */
  forgetInFlight(identity: string): void;
  /** How many fetches joined one already in flight (for tests and /metrics). */
  readonly joined: number;
  close(): Promise<void>;
}

export interface SharedFetchInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export function createSubgraphConnections(options: { dedupe?: boolean } = {}): SubgraphConnections {
  const dedupe = options.dedupe ?? true;
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
  const send = (url: string, init: Parameters<Fetcher>[1] = {}) =>
    new Promise<RawResponse>((resolve, reject) => {
      const { origin, path } = target(url);
      const signal = init.signal as AbortSignal | null | undefined;
      if (signal?.aborted) return reject(signal.reason as Error);
      const collector = new Collector(resolve, reject, signal);
      signal?.addEventListener('abort', () => collector.cancel(signal.reason), { once: true });
      agent.dispatch(
        {
          origin,
          path,
          method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
          headers: init.headers as Record<string, string> | undefined,
          body: init.body as string | undefined,
        },
        collector,
      );
    });
  const respond = (url: string, raw: RawResponse) =>
    new SubgraphResponse(url, raw.status, raw.rawHeaders, raw.bytes);
  const fetcher = (async (url: string, init = {}) =>
    respond(url, await send(url, init))) as Fetcher;

  const inFlight = new Map<string, InFlight>();
  let joined = 0;
  const sharedFetch = async (url: string, init: SharedFetchInit, identity: string) => {
    if (!dedupe) return fetcher(url, init);
    const key = requestKey(url, init);
    const running = inFlight.get(key);
    if (running) {
      joined++;
      return respond(url, await running.response);
    }
    const entry: InFlight = { identity, response: send(url, init) };
    inFlight.set(key, entry);
    try {
      return respond(url, await entry.response);
    } finally {
      // Only our own entry: a write by this caller may already have replaced it with a fresh one.
      if (inFlight.get(key) === entry) inFlight.delete(key);
    }
  };
  const forgetInFlight = (identity: string) => {
    for (const [key, entry] of inFlight) if (entry.identity === identity) inFlight.delete(key);
  };
  return {
    fetcher,
    sharedFetch,
    forgetInFlight,
    get joined() {
      return joined;
    },
    close: () => agent.close(),
  };
}

/**
 * Everything that can change a subgraph's answer: URL, body, and every header but the request id
 * (so the caller's token, address, user agent and dealership time zone all have to match).
 */
function requestKey(url: string, init: SharedFetchInit): string {
  const names = Object.keys(init.headers)
    .filter((n) => n !== 'x-request-id')
    .sort();
  let key = url;
  for (const name of names) key += `\n${name}: ${init.headers[name]}`;
  return `${key}\n\n${init.body}`;
}
