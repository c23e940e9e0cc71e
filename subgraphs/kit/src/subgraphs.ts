// The one list of subgraphs: composition, the dev runner, the router and the tests all read it.
// A subgraph is listed here once it exists; ports are the defaults for local runs.
export interface SubgraphInfo {
  name: string;
  port: number;
}

export const SUBGRAPHS: readonly SubgraphInfo[] = [
  { name: 'auth', port: 4001 },
  { name: 'admin', port: 4002 },
  { name: 'deals', port: 4003 },
  { name: 'calc', port: 4006 },
  { name: 'customers', port: 4004 },
  { name: 'inventory', port: 4005 },
  { name: 'ai', port: 4007 },
  { name: 'ml', port: 4008 },
];

/** The SUBGRAPHS entry of `name` (a typo fails at start-up, not as a silent default). */
export function subgraphInfo(name: string): SubgraphInfo {
  const info = SUBGRAPHS.find((s) => s.name === name);
  if (!info) throw new Error(`${name} is not in SUBGRAPHS (subgraphs/kit/src/subgraphs.ts)`);
  return info;
}

export function subgraphEnvName(name: string, suffix: 'URL' | 'SECRET'): string {
  return `SUBGRAPH_${name.toUpperCase()}_${suffix}`;
}

export function defaultSubgraphUrl(info: SubgraphInfo): string {
  return `http://127.0.0.1:${info.port}/graphql`;
}
