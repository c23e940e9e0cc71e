// Fixtures for subscriptions through the router: two real kit subgraphs (graphql-ws served by the
// kit) — `things` owns a subscription whose events point at a `Person` that `people` owns — over one
// in-process event bus, a JWKS, a composed supergraph, and routers over them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import WebSocket from 'ws';
import {
  AUTHZ_LINK_SDL,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  busIterator,
  createTokenVerifier,
  remoteJwks,
  requirePrincipal,
  startSubgraphServer,
  type EventBus,
  type RequestContext,
  type RunningSubgraph,
} from '@autolytiq/kit';
import { DEFAULT_LIMITS, type RouterConfig } from '../src/config.ts';
import { createRouter, type RunningRouter } from '../src/router.ts';
import { startJwks, type Jwks } from './support.ts';

const FEDERATION = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])`;

export const THINGS_SDL = `${FEDERATION}
${AUTHZ_LINK_SDL}
type Query { thingCount: Int @signedIn }
type Subscription {
  thingEvents(thingId: ID): ThingEvent! @hasPermission(permission: "things.read")
}
type ThingEvent {
  thingId: ID!
  n: Int!
  dealershipId: ID!
  owner: Person!
  cost: Int @hasPermission(permission: "things.cost")
}
type Person @key(fields: "id", resolvable: false) { id: ID! }`;

export const PEOPLE_SDL = `${FEDERATION}
${AUTHZ_LINK_SDL}
type Query { person(id: ID!): Person @signedIn }
type Person @key(fields: "id") @signedIn {
  id: ID!
  name: String!
  salary: Int @hasPermission(permission: "payroll.read")
}`;

export interface ThingEventPayload {
  thingId: string;
  n: number;
  ownerId: string;
  cost: number;
}

/** Authorization headers `_entities` calls reached `people` with (to prove "as that user"). */
export const entityCalls: string[] = [];

export async function startThings(bus: EventBus, secret: string, jwksUrl: string) {
  return startSubgraphServer({
    name: 'things',
    typeDefs: parse(THINGS_SDL),
    resolvers: {
      Query: { thingCount: () => 1 },
      Subscription: {
        thingEvents: {
          subscribe: (_: unknown, args: { thingId?: string }, ctx: RequestContext) =>
            busIterator<ThingEventPayload>(bus, requirePrincipal(ctx).dealershipId, 'things', {
              filter: (e) => !args.thingId || e.thingId === args.thingId,
            }),
          resolve: (e: ThingEventPayload, _: unknown, ctx: RequestContext) => ({
            ...e,
            dealershipId: requirePrincipal(ctx).dealershipId,
            owner: { id: e.ownerId },
          }),
        },
      },
    } as never,
    port: 0,
    host: '127.0.0.1',
    subgraphSecret: secret,
    verifyToken: createTokenVerifier(remoteJwks(jwksUrl)),
    logger: pino({ level: 'silent' }),
    development: false,
    ready: async () => true,
  });
}

export async function startPeople(secret: string, jwksUrl: string) {
  return startSubgraphServer({
    name: 'people',
    typeDefs: parse(PEOPLE_SDL),
    resolvers: {
      Query: { person: (_: unknown, a: { id: string }) => ({ id: a.id }) },
      Person: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext) => {
          entityCalls.push(ctx.principal?.username ?? 'anonymous');
          return { id: ref.id };
        },
        name: (p: { id: string }) => `Person ${p.id}`,
        salary: () => 90_000,
      },
    } as never,
    port: 0,
    host: '127.0.0.1',
    subgraphSecret: secret,
    verifyToken: createTokenVerifier(remoteJwks(jwksUrl)),
    logger: pino({ level: 'silent' }),
    development: false,
    ready: async () => true,
  });
}

export function composeFile(): { path: string; sdl: string } {
  const result = composeServices([
    { name: 'things', url: 'http://127.0.0.1:9/things', typeDefs: parse(THINGS_SDL) },
    { name: 'people', url: 'http://127.0.0.1:9/people', typeDefs: parse(PEOPLE_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  const path = join(mkdtempSync(join(tmpdir(), 'router-subs-')), 'supergraph.graphql');
  writeFileSync(path, result.supergraphSdl);
  return { path, sdl: result.supergraphSdl };
}

export interface SubsHarness {
  jwks: Jwks;
  things: RunningSubgraph;
  people: RunningSubgraph;
  supergraphPath: string;
  peopleEndpoint: { url: string; secret: string };
  routers: RunningRouter[];
  startRouter(overrides?: Partial<RouterConfig>): Promise<RunningRouter>;
  stop(): Promise<void>;
}

export async function startSubsHarness(bus: EventBus): Promise<SubsHarness> {
  const jwks = await startJwks();
  const thingsSecret = `things-${randomUUID()}`;
  const peopleSecret = `people-${randomUUID()}`;
  const things = await startThings(bus, thingsSecret, jwks.url);
  const people = await startPeople(peopleSecret, jwks.url);
  const { path } = composeFile();
  const routers: RunningRouter[] = [];
  return {
    jwks,
    things,
    people,
    supergraphPath: path,
    peopleEndpoint: { url: people.url, secret: peopleSecret },
    routers,
    async startRouter(overrides = {}) {
      const router = await createRouter({
        port: 0,
        host: '127.0.0.1',
        supergraphPath: path,
        jwksUrl: jwks.url,
        subgraphs: {
          things: { url: things.url, secret: thingsSecret },
          people: { url: people.url, secret: peopleSecret },
        },
        introspection: false,
        explorer: false,
        limits: { ...DEFAULT_LIMITS, maxDepth: 4 },
        queryPlanCacheMiB: 5,
        development: false,
        logLevel: 'silent',
        logger: pino({ level: 'silent' }),
        ...overrides,
      });
      routers.push(router);
      return router;
    },
    async stop() {
      await Promise.all(routers.map((r) => r.stop()));
      await Promise.all([things.stop(), people.stop(), jwks.stop()]);
    },
  };
}

export interface Who {
  sub?: string;
  dealershipId: string;
  permissions?: string[];
  username?: string;
  sessionId?: string;
  expiresIn?: string | number;
}

export function sign(jwks: Jwks, who: Who): Promise<string> {
  return new SignJWT({
    dealershipId: who.dealershipId,
    sessionId: who.sessionId ?? randomUUID(),
    username: who.username ?? 'alice',
    roles: [],
    permissions: who.permissions ?? ['things.read'],
  })
    .setProtectedHeader({ alg: 'RS256', kid: jwks.kid })
    .setSubject(who.sub ?? randomUUID())
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(who.expiresIn ?? '15m')
    .sign(jwks.privateKey);
}

export interface Outcome {
  next: Array<{
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }>;
  error?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  closed?: { code: number; reason: string };
  completed?: boolean;
}

/** A graphql-ws client to a router, never retrying. */
export function wsClient(
  router: RunningRouter,
  params: Record<string, unknown> | undefined,
): Client {
  return createClient({
    url: router.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: params,
  });
}

/** Subscribes; `outcome` fills as messages arrive. */
export function watch(client: Client, query: string, variables?: Record<string, unknown>) {
  const outcome: Outcome = { next: [] };
  client.on('closed', (e) => {
    const ev = e as { code: number; reason: string };
    outcome.closed = { code: ev.code, reason: ev.reason };
  });
  const stop = client.subscribe(
    { query, variables },
    {
      next: (v) => void outcome.next.push(v as Outcome['next'][number]),
      error: (e) => {
        if (Array.isArray(e)) outcome.error = e;
      },
      complete: () => void (outcome.completed = true),
    },
  );
  return { outcome, stop };
}

export async function until(check: () => boolean, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return check();
}
