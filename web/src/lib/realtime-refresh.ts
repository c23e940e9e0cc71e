// In-band token refresh for the tab's graphql-ws socket: when the session refreshes its access
// token (a minute before expiry), the new token goes to the router in a `ping` payload
// (`{ authorization: "Bearer …" }`), so the socket and its subscriptions live on instead of being
// closed at expiry (4401) and reconnected. The router answers in the `pong`: `{ refreshed: true,
// expiresAt }`, or `{ refreshed: false, reason }` (then the old token runs out and the client
// reconnects with the new one, as before).

export interface TokenRelayDeps {
  /** The session's current access token (null when signed out). */
  currentToken: () => string | null;
  /** Calls `listener` on every session change; returns the unsubscribe. */
  onSessionChange: (listener: () => void) => () => void;
}

export interface TokenRelay {
  /** The socket is acknowledged (connection_init carried `token`). */
  connected(socket: { send(data: string): void }, token: string | null): void;
  closed(): void;
  /** A pong's payload: whether the last refresh was taken. */
  pong(payload: Record<string, unknown> | undefined): void;
  /** How refreshes went (for tests and the console). */
  stats(): { sent: number; accepted: number; refused: number };
  stop(): void;
}

export function createTokenRelay(deps: TokenRelayDeps): TokenRelay {
  let socket: { send(data: string): void } | null = null;
  let sentToken: string | null = null;
  const counts = { sent: 0, accepted: 0, refused: 0 };
  const sendIfNew = () => {
    const token = deps.currentToken();
    if (!socket || !token || token === sentToken) return;
    sentToken = token;
    counts.sent += 1;
    socket.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${token}` } }));
  };
  const unsubscribe = deps.onSessionChange(sendIfNew);
  return {
    connected(s, token) {
      socket = s;
      sentToken = token;
      sendIfNew(); // the token may have changed while connecting
    },
    closed() {
      socket = null;
      sentToken = null;
    },
    pong(payload) {
      if (payload?.refreshed === true) counts.accepted += 1;
      else if (payload?.refreshed === false) counts.refused += 1;
    },
    stats: () => ({ ...counts }),
    stop() {
      unsubscribe();
      socket = null;
    },
  };
}
