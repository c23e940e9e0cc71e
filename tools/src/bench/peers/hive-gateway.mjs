/* global process, console -- run by Node from .bench-peers/, outside the TypeScript lint setup */
// The Hive Gateway peer (@graphql-hive/gateway-runtime, installed by peers.ts into .bench-peers/, not
// a project dependency), served by node:http like its docs' "Node.js" recipe. PEER_DEDUPE=1 keeps
// its in-flight deduplication of subgraph requests (its default), 0 turns it off. Each subgraph gets
// the caller's token and its secret; URLs come from PEER_SUBGRAPHS, not the supergraph file.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const subgraphs = JSON.parse(process.env.PEER_SUBGRAPHS ?? '{}');
const dedupe = process.env.PEER_DEDUPE === '1';
const gateway = createGatewayRuntime({
  supergraph: readFileSync(process.env.SUPERGRAPH_PATH, 'utf8'),
  transportEntries: Object.fromEntries(
    Object.entries(subgraphs).map(([name, s]) => [
      name,
      { location: s.url, options: { deduplicateInflightRequests: dedupe } },
    ]),
  ),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }) => ({
      authorization: request.headers.get('authorization') ?? '',
      'x-subgraph-secret': subgraphs[subgraphName]?.secret ?? '',
    }),
  },
  logging: 'error',
  graphqlEndpoint: '/graphql',
  landingPage: false,
});
// The runtime's own SIGTERM handling waits on open connections; the bench wants it gone now.
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => process.exit(0));
createServer(gateway).listen(Number(process.env.PEER_PORT), '127.0.0.1', () =>
  console.log('listening'),
);
