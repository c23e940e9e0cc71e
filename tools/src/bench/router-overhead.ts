// Router overhead for `me { dealership { name } }`: the same answer fetched (a) through the router and
// (b) by calling the two subgraphs directly, in sequence, as the router's query plan does (auth for
// `me`, then admin's `_entities` for the dealership). Both over keep-alive HTTP on loopback, one
// request at a time, after a warm-up; overhead = p50(a) − p50(b).
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import type { RunningSystem } from '../system.ts';
import { summarize, type Summary } from './stats.ts';

const ROUTER_QUERY = '{ me { dealership { name } } }';
const AUTH_QUERY = '{ me { dealership { __typename id } } }';
const ADMIN_QUERY =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Dealership { name } } }';

const agent = new Agent({ keepAliveTimeout: 30_000, connections: 4 });

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the callers
type Data = any;

async function post(url: string, body: unknown, headers: Record<string, string>): Promise<Data> {
  const res = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.body.json()) as { errors?: unknown; data?: Data };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

async function sample(iterations: number, once: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await once();
    out.push(performance.now() - t);
  }
  return out;
}

export interface OverheadResult {
  router: Summary;
  direct: Summary;
  overheadP50: number;
  routerRps: number;
}

export async function benchRouterOverhead(
  system: RunningSystem,
  token: string,
  iterations = 2000,
): Promise<OverheadResult> {
  const auth = { authorization: `Bearer ${token}` };
  const viaRouter = async () => {
    const d = await post(system.routerUrl, { query: ROUTER_QUERY }, auth);
    if (!d.me.dealership.name) throw new Error('no name');
  };
  const direct = async () => {
    const a = system.subgraphs.auth!;
    const b = system.subgraphs.admin!;
    const me = await post(a.url, { query: AUTH_QUERY }, { ...auth, 'x-subgraph-secret': a.secret });
    const d = await post(
      b.url,
      { query: ADMIN_QUERY, variables: { representations: [me.me.dealership] } },
      { ...auth, 'x-subgraph-secret': b.secret },
    );
    if (!d._entities[0].name) throw new Error('no name');
  };
  await sample(300, viaRouter);
  await sample(300, direct);
  // Interleave the two so drift (GC, JIT, other load) hits both alike.
  const r: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < iterations / 100; i++) {
    r.push(...(await sample(100, viaRouter)));
    s.push(...(await sample(100, direct)));
  }
  const router = summarize(r);
  const directSummary = summarize(s);
  const load = await autocannon({
    url: system.routerUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query: ROUTER_QUERY }),
    connections: 8,
    duration: 5,
  });
  return {
    router,
    direct: directSummary,
    overheadP50: router.p50 - directSummary.p50,
    routerRps: load.requests.average,
  };
}
