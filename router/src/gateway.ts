// The gateway, and the data source that carries the caller's identity to each subgraph.
// Connections (keep-alive) are made in subgraph-fetch.ts; its fetcher is given both to the gateway
// and to every data source, because the gateway only hands its own fetcher to data sources it builds
// itself, not to ours from buildService.
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import {
  isKnownCode,
  isUnavailableError,
  serviceUnavailable,
  type Logger,
} from '@autolytiq/kit/core';
import type { SubgraphEndpoint } from './config.ts';
import type { RouterContext } from './request-context.ts';
import type { Fetcher, SharedFetchInit, SubgraphConnections } from './subgraph-fetch.ts';
import type { Supergraph } from './supergraph.ts';

type FetcherResponse = Awaited<ReturnType<Fetcher>>;

type GatewayResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
type Respond = (args: {
  response: object;
  request: unknown;
  context: unknown;
  overallCachePolicy: unknown;
  pathInIncomingRequest: unknown;
}) => Promise<GatewayResponse>;

/** What a data source needs from subgraph-fetch.ts. */
export type SubgraphFetching = Pick<
  SubgraphConnections,
  'fetcher' | 'sharedFetch' | 'forgetInFlight'
>;

/** A subgraph fetch document that is a query (`query …` or the `{ … }` shorthand), never a mutation. */
const READ_FETCH = /^\s*(?:query\b|\{)/;

/** What a proxy or balancer in front of a subgraph answers when no replica is there. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/** Failures before any byte of the request could have reached the subgraph. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Sends each subgraph the caller's token, the request id and that subgraph's own secret.
 *
 * `process` replaces RemoteGraphQLDataSource's: the original copies headers into a node-fetch
 * Headers, runs the willSendRequest hook on it, turns it back into an object (node-fetch re-sorts
 * every header on each step of that iteration) and builds a node-fetch Request only for hooks this
 * router does not use. Ours writes the header object directly; the rest is the same: POST the JSON,
 * refuse non-2xx, expect a JSON object, apply the subgraph's Cache-Control to the operation's policy.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly subgraphName: string;
  private readonly subgraphSecret: string;
  private readonly connections: SubgraphFetching;

  constructor(name: string, endpoint: SubgraphEndpoint, connections: SubgraphFetching) {
    super({ url: endpoint.url, fetcher: connections.fetcher });
    this.subgraphName = name;
    this.subgraphSecret = endpoint.secret;
    this.connections = connections;
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayResponse> {
    const { request, context } = options;
    const headers: Record<string, string> = {};
    // The gateway sets request headers only to ask for inline traces, which nothing here reports.
    const given = request.http?.headers;
    if (given) {
      for (const [name, value] of given) {
        if (name !== 'apollo-federation-include-trace') headers[name.toLowerCase()] = value;
      }
    }
    headers['content-type'] = 'application/json';
    headers['x-subgraph-secret'] = this.subgraphSecret;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    if (context?.authorization) headers.authorization = context.authorization;
    // Who is at the other end (sessions, sign-in limits, the auth audit): subgraphs believe these
    // only because the subgraph secret proves the request came from this router.
    if (context?.clientIp) headers['x-client-ip'] = context.clientIp;
    if (context?.userAgent) headers['x-client-user-agent'] = context.userAgent.slice(0, 512);
    // What "today" is for the caller's dealership (days in stock, default deal dates).
    if (context?.principal?.timezone) headers['x-dealership-timezone'] = context.principal.timezone;
    if (!request.query) throw new Error('Missing query');
    const { http: _http, ...body } = request;
    const init = { method: 'POST' as const, headers, body: JSON.stringify(body) };
    // Health checks and schema loading have no incoming operation (and are not deduplicated).
    const operation =
      'incomingRequestContext' in options
        ? options.incomingRequestContext.operation?.operation
        : undefined;
    const identity = context?.authorization ?? '';
    const fetched = await this.reach(
      () => this.send(operation, request.query!, init, identity),
      operation === 'mutation',
    );
    if (!fetched.ok) throw await this.errorFromResponse(fetched);
    const parsed = await this.parseBody(fetched);
    if (parsed === null || typeof parsed !== 'object') {
      throw new Error(`Expected a JSON object from subgraph ${fetched.url}.`);
    }
    // RemoteGraphQLDataSource's own (private) respond: the subgraph's Cache-Control restricts the
    // operation's cache policy.
    const policy =
      this.honorSubgraphCacheControlHeader && 'incomingRequestContext' in options
        ? options.incomingRequestContext.overallCachePolicy
        : undefined;
    return (this as unknown as { respond: Respond }).respond({
      response: { ...parsed, http: fetched },
      request,
      context,
      overallCachePolicy: policy && 'restrict' in policy ? policy : null,
      pathInIncomingRequest:
        'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined,
    });
  }

  /** Reads are shared with identical ones in flight; a mutation's fetches are always sent. */
  private async send(
    operation: string | undefined,
    query: string,
    init: SharedFetchInit,
    identity: string,
  ): Promise<FetcherResponse> {
    if (operation === 'query' && READ_FETCH.test(query)) {
      // A read for a read: identical ones in flight at once are sent once (subgraph-fetch.ts).
      return this.connections.sharedFetch(this.url, init, identity);
    } else if (operation === 'mutation') {
      try {
        return await this.fetcher(this.url, init);
      } finally {
        // This caller's next read must see this write: it may not join a read sent before it.
        this.connections.forgetInFlight(identity);
      }
    } else {
      return this.fetcher(this.url, init);
    }
  }

  /**
   * The subgraph cannot be reached (refused, reset, closed mid-answer) or its proxy says it is down
   * (502/503/504): SERVICE_UNAVAILABLE naming it, so the client sees which part is missing and that
   * a retry is expected to work, instead of INTERNAL. The gateway keeps the other fetches' data.
   * For a write, `writeOutcome` says whether it certainly did not happen (no connection was made,
   * or a proxy answered) or may have (the connection broke after the request was sent).
   */
  private async reach(
    fetch: () => Promise<FetcherResponse>,
    write: boolean,
  ): Promise<FetcherResponse> {
    let fetched: FetcherResponse;
    try {
      fetched = await fetch();
    } catch (error) {
      if (!isUnavailableError(error)) throw error;
      const outcome = NEVER_CONNECTED.has(String((error as { code?: unknown }).code))
        ? 'NOT_APPLIED'
        : 'UNKNOWN';
      throw serviceUnavailable(this.subgraphName, write ? { writeOutcome: outcome } : {});
    }
    if (UNAVAILABLE_STATUSES.has(fetched.status))
      throw serviceUnavailable(this.subgraphName, write ? { writeOutcome: 'NOT_APPLIED' } : {});
    return fetched;
  }

  /**
   * A non-2xx answer. The default puts the subgraph's URL and raw body in the client's error and
   * calls any 401 UNAUTHENTICATED. Ours passes on the subgraph's own error when it carries one of
   * our codes (e.g. a session the subgraph knows is revoked), else an INTERNAL error whose detail
   * only reaches the log.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const errors = (body as { errors?: unknown } | undefined)?.errors;
    const first = Array.isArray(errors)
      ? (errors[0] as Record<string, unknown> | undefined)
      : undefined;
    const code = (first?.extensions as Record<string, unknown> | undefined)?.code;
    if (isKnownCode(code) && code !== 'INTERNAL' && typeof first?.message === 'string') {
      const field = (first?.extensions as Record<string, unknown>).field;
      return new GraphQLError(first.message, {
        extensions: typeof field === 'string' ? { code, field } : { code },
      });
    }
    const detail = typeof first?.message === 'string' ? `: ${first.message}` : '';
    return new GraphQLError(
      `Subgraph ${this.subgraphName} answered HTTP ${response.status}${detail}`,
      { extensions: { code: 'INTERNAL' } },
    );
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
  connections: SubgraphFetching;
  queryPlanCacheMiB: number;
  logger: Logger;
}): ApolloGateway {
  const { supergraph, subgraphs, connections } = options;
  assertSubgraphsConfigured(supergraph, subgraphs);
  return new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    fetcher: connections.fetcher,
    logger: options.logger,
    experimental_approximateQueryPlanStoreMiB: options.queryPlanCacheMiB,
    buildService: ({ name }) => {
      return new SubgraphDataSource(name, subgraphs[name]!, connections); // checked above
    },
  });
}
