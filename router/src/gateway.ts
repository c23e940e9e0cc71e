// The gateway and its connections to the subgraphs.
//
// Keep-alive: RemoteGraphQLDataSource's default fetcher (make-fetch-happen) opens connections the
// router cannot tune, and an agent set in willSendRequest is ignored. So the router gives a fetcher
// built on undici with its own keep-alive pool, both to the gateway and to every data source (the
// gateway only hands its fetcher to data sources it builds itself, not to ours from buildService).
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Logger } from '@autolytiq/kit';
import type { SubgraphEndpoint } from './config.ts';
import type { RouterContext } from './request-context.ts';
import type { Supergraph } from './supergraph.ts';

/** The gateway's fetch signature (from @apollo/utils.fetcher, which we do not depend on directly). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphConnections {
  fetcher: Fetcher;
  close(): Promise<void>;
}

export function createSubgraphConnections(): SubgraphConnections {
  const agent = new Agent({
    keepAliveTimeout: 30_000, // idle sockets are kept this long (subgraphs keep theirs ≥ this)
    keepAliveMaxTimeout: 10 * 60_000,
    connections: 256, // per subgraph origin; more than the router's concurrency needs
  });
  const fetcher = ((url, init) => undiciFetch(url, { ...init, dispatcher: agent })) as Fetcher;
  return { fetcher, close: () => agent.close() };
}

/** Sends each subgraph the caller's token, the request id and that subgraph's own secret. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly subgraphSecret: string;

  constructor(url: string, subgraphSecret: string, fetcher: Fetcher) {
    super({ url, fetcher });
    this.subgraphSecret = subgraphSecret;
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // Inline tracing is off: nothing reports traces, so subgraphs need not build them.
    headers.delete('apollo-federation-include-trace');
    headers.set('x-subgraph-secret', this.subgraphSecret);
    if (context?.requestId) headers.set('x-request-id', context.requestId);
    if (context?.authorization) headers.set('authorization', context.authorization);
  }
}

/** Every subgraph of the supergraph must have a URL and a secret; say which are missing. */
export function assertSubgraphsConfigured(
  supergraph: Supergraph,
  subgraphs: Record<string, SubgraphEndpoint>,
): void {
  const missing = supergraph.graphs.filter(
    (g) => !subgraphs[g.name]?.url || !subgraphs[g.name]?.secret,
  );
  if (missing.length > 0) {
    throw new Error(
      `No URL/secret configured for subgraph(s): ${missing.map((g) => g.name).join(', ')}.`,
    );
  }
}

export function createGateway(options: {
  supergraph: Supergraph;
  subgraphs: Record<string, SubgraphEndpoint>;
  fetcher: Fetcher;
  queryPlanCacheMiB: number;
  logger: Logger;
}): ApolloGateway {
  const { supergraph, subgraphs, fetcher } = options;
  assertSubgraphsConfigured(supergraph, subgraphs);
  return new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    fetcher,
    logger: options.logger,
    experimental_approximateQueryPlanStoreMiB: options.queryPlanCacheMiB,
    buildService: ({ name }) => {
      const endpoint = subgraphs[name]!; // checked by assertSubgraphsConfigured
      return new SubgraphDataSource(endpoint.url, endpoint.secret, fetcher);
    },
  });
}
