// The router over the project's committed supergraph: the directives composed from the real
// subgraphs are read, and refusals happen with no subgraph running at all (every URL is dead).
import { isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { pino } from 'pino';
import { accessRuleFor } from '@autolytiq/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { createRouter, type RunningRouter } from '../src/router.ts';
import { DEFAULT_SUPERGRAPH_PATH, loadSupergraph } from '../src/supergraph.ts';
import { startJwks, type Jwks } from './support.ts';

const supergraph = loadSupergraph(DEFAULT_SUPERGRAPH_PATH);
const schema = supergraph.authzSchema;
const rootFields = [schema.getQueryType(), schema.getMutationType()]
  .filter((t): t is GraphQLObjectType => Boolean(t) && isObjectType(t))
  .flatMap((type) =>
    Object.values(type.getFields()).map((field) => ({
      type,
      field,
      rule: accessRuleFor(type, field),
    })),
  );

// A selection that is valid for any field: its arguments are not needed by the router to refuse it,
// but validation runs first, so required arguments get a null-free dummy through variables.
function operationFor(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string {
  const keyword = type === schema.getMutationType() ? 'mutation' : 'query';
  const required = field.args.filter((a) => a.type.toString().endsWith('!'));
  const vars = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(unwrap(field.type)) ? ' { __typename }' : '';
  return `${keyword}${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

function unwrap(type: unknown): unknown {
  let t = type as { ofType?: unknown };
  while (t.ofType) t = t.ofType as { ofType?: unknown };
  return t;
}

let jwks: Jwks;
let router: RunningRouter;
beforeAll(async () => {
  jwks = await startJwks();
  const dead = { url: 'http://127.0.0.1:9/graphql', secret: 'x'.repeat(16) };
  router = await createRouter({
    port: 0,
    host: '127.0.0.1',
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    jwksUrl: jwks.url,
    subgraphs: Object.fromEntries(supergraph.graphs.map((g) => [g.name, dead])),
    introspection: true,
    explorer: false,
    limits: DEFAULT_LIMITS,
    queryPlanCacheMiB: 5,
    development: false,
    logLevel: 'silent',
    logger: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await router?.stop();
  await jwks?.stop();
});

async function post(query: string, token?: string) {
  const res = await fetch(router.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { errors?: Array<{ extensions: Record<string, unknown> }> },
  };
}

describe('the committed supergraph', () => {
  it('names the subgraphs and declares an access rule on every root field', () => {
    expect(supergraph.graphs.map((g) => g.name)).toEqual(expect.arrayContaining(['auth', 'admin']));
    const undeclared = rootFields
      .filter((f) => f.rule.undeclared)
      .map((f) => `${f.type.name}.${f.field.name}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses an anonymous caller every signed-in root field, naming it', async () => {
    const signedIn = rootFields.filter((f) => f.rule.signedIn);
    expect(signedIn.length).toBeGreaterThan(0);
    for (const { type, field } of signedIn) {
      const res = await post(operationFor(type, field));
      expect(res.status, `${type.name}.${field.name}`).toBe(401);
      expect(res.body.errors![0]!.extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        field: `${type.name}.${field.name}`,
      });
    }
  });

  it('refuses a signed-in caller without permissions every permission-guarded root field', async () => {
    const token = await jwks.sign({ permissions: [] });
    const guarded = rootFields.filter((f) => f.rule.permissions.length > 0);
    expect(guarded.length).toBeGreaterThan(0);
    for (const { type, field, rule } of guarded) {
      const res = await post(operationFor(type, field), token);
      expect(res.status, `${type.name}.${field.name}`).toBe(403);
      expect(res.body.errors![0]!.extensions).toMatchObject({
        code: 'FORBIDDEN',
        field: `${type.name}.${field.name}`,
        requiredPermissions: rule.permissions,
      });
    }
  });

  it('lets every public root field past authorization', async () => {
    const open = rootFields.filter((f) => f.rule.declaredPublic && !f.rule.signedIn);
    expect(open.length).toBeGreaterThan(0);
    for (const { type, field } of open) {
      const res = await post(operationFor(type, field));
      // It fails later (no variables, or the subgraph is not running), never for access.
      expect([401, 403], `${type.name}.${field.name}`).not.toContain(res.status);
      const code = res.body.errors![0]!.extensions.code;
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).not.toContain(code);
    }
  });
});
