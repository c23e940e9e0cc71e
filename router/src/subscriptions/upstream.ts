// The router's sockets to subgraphs. Per client socket and subgraph there is at most one upstream
// graphql-ws connection, opened with that subgraph's secret and the client's own token (so the
// subgraph checks the same user as over HTTP), shared by that client's subscriptions to that
// subgraph and closed when the last of them ends. `openCount()` lets tests prove nothing is left.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { SubgraphEndpoint } from '../config.ts';

export interface UpstreamIdentity {
  authorization: string;
  requestId: string;
  clientIp: string;
  userAgent?: string;
  /** The dealership's time zone as the router looked it up (as the HTTP header says over fetches). */
  timezone?: string;
}

export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface UpstreamSink {
  next(event: UpstreamEvent): void;
  error(error: unknown): void;
  complete(): void;
}

let open = 0;

/**
 * The upstream socket class: no permessage-deflate offer (a zlib context per socket costs memory,
 * and router ↔ subgraph traffic is loopback or a private network).
 */
class UpstreamWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols, { perMessageDeflate: false });
  }
}

/** Upstream sockets currently open in this process (all clients together). */
export function openUpstreamSockets(): number {
  return open;
}

/** What one client socket holds upstream: a lazily opened connection per subgraph. */
export class UpstreamPool {
  private readonly clients = new Map<string, { client: Client; users: number }>();

  constructor(
    private readonly endpoints: Record<string, SubgraphEndpoint>,
    private identity: UpstreamIdentity,
  ) {}

  /**
   * The client refreshed its token in-band: connections opened from now on carry the new one. Open
   * ones keep going (a subgraph checks the token when the connection starts; the router is the one
   * that ends a socket whose token expires, and it now holds the new expiry).
   */
  reauthorize(authorization: string): void {
    this.identity = { ...this.identity, authorization };
  }

  /** Starts one subscription upstream; the returned function ends it (idempotent). */
  subscribe(
    subgraph: string,
    payload: { query: string; variables: Record<string, unknown> },
    sink: UpstreamSink,
  ): () => void {
    const entry = this.acquire(subgraph);
    let ended = false;
    const release = () => {
      if (ended) return;
      ended = true;
      stop();
      this.release(subgraph);
    };
    const stop = entry.client.subscribe(payload, {
      next: (value) => sink.next(value as UpstreamEvent),
      error: (error) => {
        release();
        sink.error(error);
      },
      complete: () => {
        release();
        sink.complete();
      },
    });
    return release;
  }

  private acquire(subgraph: string) {
    let entry = this.clients.get(subgraph);
    if (!entry) {
      const endpoint = this.endpoints[subgraph];
      if (!endpoint) throw new Error(`No endpoint for subgraph ${subgraph}`);
      const { authorization, requestId, clientIp, userAgent, timezone } = this.identity;
      let wasOpen = false;
      const client = createClient({
        url: endpoint.url.replace(/^http/, 'ws'),
        webSocketImpl: UpstreamWebSocket,
        // A refused upstream (4401/4403) must surface, not be retried forever.
        retryAttempts: 0,
        lazy: true,
        lazyCloseTimeout: 0,
        connectionParams: {
          'x-subgraph-secret': endpoint.secret,
          authorization,
          'x-request-id': requestId,
          'x-client-ip': clientIp,
          ...(userAgent ? { 'x-client-user-agent': userAgent } : {}),
          ...(timezone ? { 'x-dealership-timezone': timezone } : {}),
        },
        on: {
          opened: () => {
            wasOpen = true;
            open++;
          },
          closed: () => {
            if (wasOpen) open--;
            wasOpen = false;
          },
        },
      });
      entry = { client, users: 0 };
      this.clients.set(subgraph, entry);
    }
    entry.users++;
    return entry;
  }

  private release(subgraph: string): void {
    const entry = this.clients.get(subgraph);
    if (!entry) return;
    if (--entry.users > 0) return;
    this.clients.delete(subgraph);
    void entry.client.dispose();
  }

  /** Ends every upstream connection of this client (socket closed). */
  async close(): Promise<void> {
    const entries = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(entries.map((e) => e.client.dispose()));
  }
}
