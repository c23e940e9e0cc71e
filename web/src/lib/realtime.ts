// The tab's one graphql-ws connection to the router, same-origin (/graphql on the web server, which
// relays it). The access token goes in connection_init; each token the session refreshes since is
// handed to the router in-band (realtime-refresh.ts), so subscriptions are not dropped at expiry.
// Should the router still close the socket (4401: refresh refused, or the tab slept through it),
// the client reconnects with the current token. It connects on the first subscription and closes
// shortly after the last one ends.
import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { createTokenRelay, type TokenRelay } from './realtime-refresh.ts';
import { currentAccessToken, session } from './session.ts';

let client: Client | undefined;
let relay: TokenRelay | undefined;
/** The token the socket being opened was initialised with. */
let initToken: string | null = null;

function realtimeClient(): Client {
  if (client) return client;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const tokens = (relay = createTokenRelay({
    currentToken: currentAccessToken,
    onSessionChange: session.subscribe,
  }));
  client = createClient({
    url: `${scheme}://${window.location.host}/graphql`,
    lazy: true,
    lazyCloseTimeout: 3_000,
    connectionParams: async () => {
      let token = currentAccessToken();
      if (!token) {
        await session.refresh();
        token = currentAccessToken();
      }
      initToken = token;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: (socket) => tokens.connected(socket as WebSocket, initToken),
      closed: () => tokens.closed(),
      pong: (_received, payload) => tokens.pong(payload),
    },
    // Reconnect after drops and token expiry (backoff by graphql-ws); a signed-out tab stops.
    retryAttempts: 20,
    shouldRetry: () => currentAccessToken() !== null,
  });
  return client;
}

/** How in-band token refreshes went in this tab (browser tests read it). */
export function realtimeRefreshStats() {
  return relay?.stats() ?? { sent: 0, accepted: 0, refused: 0 };
}

export interface RealtimeResult<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * One subscription started by an action (an assistant question): `next` gets each result until the
 * server completes it; returns the function that cancels it.
 */
export function subscribeOnce<T>(
  query: string,
  variables: Record<string, unknown>,
  sink: {
    next: (result: RealtimeResult<T>) => void;
    error: (error: unknown) => void;
    complete: () => void;
  },
): () => void {
  return realtimeClient().subscribe<T>(
    { query, variables },
    {
      next: (value) => sink.next(value as RealtimeResult<T>),
      error: sink.error,
      complete: sink.complete,
    },
  );
}

/**
 * Subscribes while mounted and `enabled`; `onNext` gets each result (the latest closure is used, so
 * it may read current state). Re-subscribes when the query or variables change.
 */
export function useSubscription<T>(
  query: string,
  variables: Record<string, unknown> | undefined,
  onNext: (result: RealtimeResult<T>) => void,
  enabled = true,
): void {
  const handler = useRef(onNext);
  handler.current = onNext;
  const key = JSON.stringify(variables ?? {});
  useEffect(() => {
    if (!enabled || typeof window === 'undefined') return;
    const stop = realtimeClient().subscribe<T>(
      { query, variables: JSON.parse(key) as Record<string, unknown> },
      {
        next: (value) => handler.current(value as RealtimeResult<T>),
        error: () => undefined, // reconnects by itself; refusals are shown by what stays empty
        complete: () => undefined,
      },
    );
    return stop;
  }, [query, key, enabled]);
}
