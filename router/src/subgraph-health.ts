// What the router's /ready reports about the subgraphs behind it. Each subgraph's own /ready
// (database reachable, migrations done) is asked at most once per `cacheMs`, all in parallel, each
// within `timeoutMs`, so a burst of probes against the router never becomes a burst against them.
import type { SubgraphEndpoint } from './config.ts';

export type SubgraphState = 'up' | 'down';

export interface SubgraphHealth {
  /** Every subgraph's state as of at most `cacheMs` ago. */
  states(): Promise<Record<string, SubgraphState>>;
}

export function subgraphHealth(
  subgraphs: Record<string, Pick<SubgraphEndpoint, 'url'>>,
  options: { timeoutMs?: number; cacheMs?: number } = {},
): SubgraphHealth {
  const timeoutMs = options.timeoutMs ?? 1000;
  const cacheMs = options.cacheMs ?? 2000;
  let last: { at: number; states: Promise<Record<string, SubgraphState>> } | undefined;
  const probe = async (url: string): Promise<SubgraphState> => {
    try {
      const res = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      return res.ok ? 'up' : 'down';
    } catch {
      return 'down';
    }
  };
  const probeAll = async () => {
    const names = Object.keys(subgraphs).sort();
    const states = await Promise.all(names.map((name) => probe(subgraphs[name]!.url)));
    return Object.fromEntries(names.map((name, i) => [name, states[i]!]));
  };
  return {
    states() {
      const now = Date.now();
      if (!last || now - last.at >= cacheMs) last = { at: now, states: probeAll() };
      return last.states;
    },
  };
}

/**
 * The router's readiness. Stopping → 503. Otherwise 200 even with subgraphs down: the router still
 * answers (partial data, SERVICE_UNAVAILABLE naming the missing part), and a balancer that took every
 * router out because one subgraph is down would turn a partial outage into a total one. The body says
 * `degraded` and which subgraphs are down. `?all=1` (start-up scripts waiting for the whole system)
 * answers 503 until every subgraph is up.
 */
export function readiness(
  stopping: boolean,
  states: Record<string, SubgraphState>,
  requireAll: boolean,
): { status: number; body: Record<string, unknown> } {
  if (stopping) return { status: 503, body: { status: 'stopping' } };
  const down = Object.keys(states).filter((name) => states[name] === 'down');
  const body = { status: down.length ? 'degraded' : 'ready', down, subgraphs: states };
  return { status: down.length && requireAll ? 503 : 200, body };
}
