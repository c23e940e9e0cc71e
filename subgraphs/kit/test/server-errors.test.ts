// What a subgraph answers and logs for refusals, bad input and unexpected errors (issue 12): a
// directive refusal is 401/403 (not HTTP 500), bad input is 400 BAD_USER_INPUT naming the field, and
// the real cause of an INTERNAL error reaches the log (it reached nowhere before).
import { parse } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTHZ_LINK_SDL } from '../src/authz.ts';
import { startSubgraphServer, type RunningSubgraph } from '../src/server.ts';

const SECRET = 'a-subgraph-secret-of-24-chars';
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  ${AUTHZ_LINK_SDL}
  type Query {
    boom: String @public
    databaseDown: String @public
    echo(text: String!): String @public
    payroll: Int @hasPermission(permission: "payroll.read")
  }
`);

let server: RunningSubgraph;
const logs: Array<Record<string, any>> = [];

beforeAll(async () => {
  server = await startSubgraphServer({
    name: 'probe',
    typeDefs,
    resolvers: {
      Query: {
        boom: () => {
          throw new Error('relation "deals.secret_table" does not exist');
        },
        // What MikroORM rethrows while PostgreSQL restarts (DriverException copies the SQLSTATE).
        databaseDown: () => {
          throw Object.assign(new Error('terminating connection due to administrator command'), {
            name: 'ConnectionException',
            code: '57P01',
          });
        },
        echo: (_: unknown, args: { text: string }) => args.text,
        payroll: () => 1,
      },
    } as never,
    port: 0,
    host: '127.0.0.1',
    subgraphSecret: SECRET,
    verifyToken: async () => {
      throw new Error('no tokens in this test');
    },
    logger: pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) }),
    development: false,
    ready: async () => true,
  });
});

afterAll(async () => {
  await server?.stop();
});

async function post(query: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-subgraph-secret': SECRET },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('subgraph error answers', () => {
  it('logs the real cause of an INTERNAL error and shows the client none of it', async () => {
    const res = await post('{ boom }');
    expect(res.body.errors[0].extensions.code).toBe('INTERNAL');
    expect(JSON.stringify(res.body)).not.toContain('secret_table');
    const line = logs.find((l) => l.msg === 'internal error');
    expect(line?.err?.message).toBe('relation "deals.secret_table" does not exist');
    expect(line?.err?.stack).toContain('server-errors.test.ts');
    expect(line?.path).toEqual(['boom']);
  });

  it('answers a lost database connection with SERVICE_UNAVAILABLE naming the subgraph', async () => {
    const res = await post('{ databaseDown }');
    expect(res.status).toBe(200);
    expect(res.body.errors[0]).toMatchObject({
      message: 'The probe service is unavailable right now; try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'probe' },
    });
    expect(JSON.stringify(res.body)).not.toContain('administrator');
  });

  it('answers a directive refusal with 401, not HTTP 500', async () => {
    const res = await post('{ payroll }');
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a NUL byte with 400 BAD_USER_INPUT naming the argument', async () => {
    const res = await post('{ echo(text: "a\\u0000b") }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'echo.text',
    });
  });
});
