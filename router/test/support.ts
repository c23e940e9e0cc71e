// Test fixtures: two tiny subgraphs on loopback that record what reaches them, a JWKS server with a
// signing key, a composed supergraph, and a router over them.
import { once } from 'node:events';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { parse } from 'graphql';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { pino } from 'pino';
import { AUTHZ_LINK_SDL, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@autolytiq/kit';
import { DEFAULT_LIMITS, type RouterConfig } from '../src/config.ts';
import { createRouter, type RunningRouter } from '../src/router.ts';

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])`;

export const ACCOUNTS_SDL = `${FEDERATION}
${AUTHZ_LINK_SDL}
type Query {
  ping: String! @public
  boom: String @public
  me: User @signedIn
  users(first: Int): [User!]! @signedIn
  secretNumber: Int! @hasPermission(permission: "secrets.read")
}
type Mutation {
  touch: Int! @signedIn
}
type User @key(fields: "id") @signedIn {
  id: ID!
  username: String!
  salary: Int @hasPermission(permission: "payroll.read")
  manager: User
}`;

export const DEALERS_SDL = `${FEDERATION}
${AUTHZ_LINK_SDL}
type Query {
  dealershipCount: Int! @signedIn
}
type User @key(fields: "id") @signedIn {
  id: ID!
  dealership: Dealership
}
type Dealership @signedIn {
  id: ID!
  name: String!
}`;

let touches = 0;
const user = (id: string) => ({ id, username: `user-${id}`, salary: 100 });

const ACCOUNTS_RESOLVERS = {
  Query: {
    ping: () => 'pong',
    boom: () => {
      throw new Error('database on fire');
    },
    me: () => user('u1'),
    users: (_: unknown, args: { first?: number }) =>
      Array.from({ length: args.first ?? 3 }, (_v, i) => user(`u${i}`)),
    secretNumber: () => 42,
  },
  Mutation: { touch: () => ++touches },
  User: { __resolveReference: (ref: { id: string }) => user(ref.id), manager: () => user('boss') },
};

const DEALERS_RESOLVERS = {
  Query: { dealershipCount: () => 1 },
  User: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    dealership: () => ({ id: 'd1', name: 'Main Street Motors' }),
  },
};

export interface RecordedCall {
  headers: http.IncomingHttpHeaders;
  query: string;
}

export interface FakeSubgraph {
  name: string;
  url: string;
  secret: string;
  calls: RecordedCall[];
  /**
   * Holds every request that arrives from now on (or those whose query `only` accepts) until the
   * returned function is called.
   */
  hold(only?: (query: string) => boolean): () => void;
  /** The next request's connection is closed without an answer (a crash mid-request). */
  dropNext(): void;
  stop(): Promise<void>;
}

async function listen(server: http.Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startSubgraph(
  name: string,
  sdl: string,
  resolvers: GraphQLResolverMap<unknown>,
): Promise<FakeSubgraph> {
  const secret = `${name}-secret-0123456789`;
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const calls: RecordedCall[] = [];
  let gate: { wait: Promise<void>; only?: (query: string) => boolean } | undefined;
  let drop = false;
  const app = express();
  app.get('/ready', (_req, res) => void res.json({ status: 'ready' }));
  app.use(express.json());
  app.use('/graphql', async (req, res, next) => {
    calls.push({ headers: req.headers, query: String(req.body?.query ?? '') });
    if (drop) {
      drop = false;
      return void req.socket.destroy();
    }
    if (gate && (!gate.only || gate.only(String(req.body?.query ?? '')))) await gate.wait;
    // Like the real subgraphs: no right secret, no GraphQL.
    if (req.get('x-subgraph-secret') !== secret)
      return void res.status(401).json({ errors: [{ message: 'bad secret' }] });
    next();
  });
  app.use('/graphql', expressMiddleware(apollo));
  const server = http.createServer(app);
  const base = await listen(server);
  return {
    name,
    url: `${base}/graphql`,
    secret,
    calls,
    hold: (only) => {
      let release!: () => void;
      gate = { wait: new Promise<void>((resolve) => (release = resolve)), only };
      return () => {
        gate = undefined;
        release();
      };
    },
    dropNext: () => {
      drop = true;
    },
    stop: async () => {
      await apollo.stop();
      server.closeAllConnections();
      server.close();
    },
  };
}

export interface Jwks {
  url: string;
  kid: string;
  privateKey: CryptoKey;
  /** Signs an access token with the published key unless told otherwise. */
  sign(
    claims?: Record<string, unknown>,
    options?: { key?: CryptoKey; kid?: string; expiresIn?: string | number },
  ): Promise<string>;
  /** Publishes a new key (rotation: the old one stays) and returns its kid and private key. */
  rotate(): Promise<{ kid: string; key: CryptoKey }>;
  /** How many times the JWKS was fetched. */
  fetches(): number;
  stop(): Promise<void>;
}

async function newKey(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export async function startJwks(): Promise<Jwks> {
  const kid = 'test-key-1';
  const first = await newKey(kid);
  const privateKey = first.privateKey;
  const published = [first.jwk];
  let fetches = 0;
  const server = http.createServer((_req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published }));
  });
  const base = await listen(server);
  return {
    url: `${base}/.well-known/jwks.json`,
    kid,
    privateKey,
    sign: (claims = {}, options = {}) =>
      new SignJWT({
        dealershipId: 'dealer-1',
        sessionId: 'session-1',
        username: 'alice',
        roles: ['salesperson'],
        permissions: [],
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? kid })
        .setSubject('u1')
        .setIssuer(TOKEN_ISSUER)
        .setAudience(TOKEN_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '15m')
        .sign(options.key ?? privateKey),
    rotate: async () => {
      const next = await newKey(`test-key-${published.length + 1}`);
      published.push(next.jwk);
      return { kid: next.jwk.kid, key: next.privateKey };
    },
    fetches: () => fetches,
    stop: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export function composeSupergraphFile(subgraphs: FakeSubgraph[]): string {
  // Composed with URLs nobody listens on: the router must take the URLs from its configuration.
  const services = subgraphs.map((s) => ({
    name: s.name,
    url: `http://127.0.0.1:9/${s.name}`,
    typeDefs: parse(sdlOf(s.name)),
  }));
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const path = join(mkdtempSync(join(tmpdir(), 'router-test-')), 'supergraph.graphql');
  writeFileSync(path, result.supergraphSdl);
  return path;
}

const sdlOf = (name: string) => (name === 'accounts' ? ACCOUNTS_SDL : DEALERS_SDL);

export interface Harness {
  router: RunningRouter;
  accounts: FakeSubgraph;
  dealers: FakeSubgraph;
  jwks: Jwks;
  logs: Array<Record<string, unknown>>;
  /** Subgraph calls so far, both subgraphs together. */
  callCount(): number;
  post(
    body: object,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function startHarness(
  overrides: Partial<RouterConfig> = {},
  options: { dealersSecret?: string } = {},
): Promise<Harness> {
  const accounts = await startSubgraph('accounts', ACCOUNTS_SDL, ACCOUNTS_RESOLVERS);
  const dealers = await startSubgraph('dealers', DEALERS_SDL, DEALERS_RESOLVERS);
  const jwks = await startJwks();
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void logs.push(JSON.parse(line)) },
  );
  const router = await createRouter({
    port: 0,
    host: '127.0.0.1',
    supergraphPath: composeSupergraphFile([accounts, dealers]),
    jwksUrl: jwks.url,
    subgraphs: {
      accounts: { url: accounts.url, secret: accounts.secret },
      dealers: { url: dealers.url, secret: options.dealersSecret ?? dealers.secret },
    },
    introspection: true,
    explorer: false, // the explorer's tests turn it on
    limits: { ...DEFAULT_LIMITS, maxDepth: 5, maxAliases: 3, maxCost: 100 },
    queryPlanCacheMiB: 5,
    development: false,
    logLevel: 'info',
    logger,
    ...overrides,
  });
  return {
    router,
    accounts,
    dealers,
    jwks,
    logs,
    callCount: () => accounts.calls.length + dealers.calls.length,
    post: async (body, headers = {}) => {
      const response = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLBody,
      };
    },
    stop: async () => {
      await router.stop();
      await Promise.all([accounts.stop(), dealers.stop(), jwks.stop()]);
    },
  };
}
