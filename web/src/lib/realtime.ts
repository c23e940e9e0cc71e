// The tab's one graphql-ws connection to the router, same-origin (/graphql on the web server, which
// relays it). The access token goes in connection_init; when the router closes the socket because
// the token expired (4401), the client reconnects with the token the session has refreshed since.
// It connects on the first subscription and closes shortly after the last one ends.
import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef } from 'react';
import { currentAccessToken, session } from './session.ts';

let client: Client | undefined;

function realtimeClient(): Client {
  if (client) return client;
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
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
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    // Reconnect after drops and token expiry (backoff by graphql-ws); a signed-out tab stops.
    retryAttempts: 20,
    shouldRetry: () => currentAccessToken() !== null,
  });
  return client;
}

export interface RealtimeResult<T> {
  data?: T | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
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
