// The stock peer: @apollo/gateway with its own RemoteGraphQLDataSource and Apollo Server's standalone
// HTTP server, as its documentation sets it up — nothing of this router's fast paths. It passes the
// caller's token and each subgraph's secret (our subgraphs refuse requests without them).
// Run as a child process by peers.ts: PEER_PORT, SUPERGRAPH_PATH and PEER_SUBGRAPHS (JSON name →
// { url, secret }) in the environment; prints "listening" when ready.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

interface Context {
  authorization?: string;
}

const subgraphs = JSON.parse(process.env.PEER_SUBGRAPHS ?? '{}') as Record<
  string,
  { url: string; secret: string }
>;
process.env.APOLLO_TELEMETRY_DISABLED = '1';
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource<Context>({
      url: subgraphs[name]!.url,
      willSendRequest({ request, context }) {
        if (context.authorization)
          request.http?.headers.set('authorization', context.authorization);
        request.http?.headers.set('x-subgraph-secret', subgraphs[name]!.secret);
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
await startStandaloneServer(server, {
  listen: { port: Number(process.env.PEER_PORT), host: '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log('listening');
