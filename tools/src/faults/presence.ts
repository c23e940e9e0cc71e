// The subscription side of the Redis fault: one member holds a teamPresence subscription through the
// router (graphql-ws) while Redis — the event bus between the admin replicas — is stopped and started.
// A presence change made before the outage and one made after it must both reach the subscriber,
// and the subscription must neither end nor error meanwhile (the bus reconnects and resubscribes).
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const WATCH = 'subscription { teamPresence { online presence { username status } } }';
const SET = 'mutation($s: PresenceStatus!) { setPresence(input: { status: $s }) { status } }';

interface Change {
  at: number;
  username: string;
  status: string;
}

export interface PresenceWatch {
  /** Sets `status` for the other member; resolves with how long the subscriber took to hear it. */
  change(status: string, timeoutMs?: number): Promise<number | undefined>;
  /** Whether the subscription ended or errored while watched. */
  broken(): string | undefined;
  close(): void;
}

export async function watchPresence(
  routerUrl: string,
  watcherToken: string,
  actorToken: string,
  actorName: string,
): Promise<PresenceWatch> {
  const seen: Change[] = [];
  let broken: string | undefined;
  const client = createClient({
    url: routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${watcherToken}` },
  });
  const stop = client.subscribe<{
    teamPresence: { online: boolean; presence: { username: string; status: string } };
  }>(
    { query: WATCH },
    {
      next: ({ data, errors }) => {
        if (errors) broken = `errors: ${JSON.stringify(errors)}`;
        const p = data?.teamPresence.presence;
        if (p) seen.push({ at: Date.now(), username: p.username, status: p.status });
      },
      error: (error) => (broken = `error: ${String((error as Error).message ?? error)}`),
      complete: () => (broken ??= 'completed'),
    },
  );
  await new Promise((r) => setTimeout(r, 1000)); // the first "online now" list
  return {
    async change(status, timeoutMs = 10_000) {
      const from = Date.now();
      await fetch(routerUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${actorToken}` },
        body: JSON.stringify({ query: SET, variables: { s: status } }),
      });
      while (Date.now() - from < timeoutMs) {
        const hit = seen.find(
          (c) => c.at >= from && c.username === actorName && c.status === status,
        );
        if (hit) return hit.at - from;
        await new Promise((r) => setTimeout(r, 50));
      }
      return undefined;
    },
    broken: () => broken,
    close: () => {
      stop();
      void client.dispose();
    },
  };
}
