// Helpers for the cross-subgraph tests: start the real system (every subgraph and the router as
// processes, on free ports, on a throw-away database) and talk GraphQL to it.
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createUser, migrations as authMigrations } from '@autolytiq/auth';
import { provisionDealership, migrations as adminMigrations } from '@autolytiq/admin';
import { computeCheckDigit } from '@autolytiq/inventory';
import { openDatabase } from '@autolytiq/kit';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import { startSystem, type RunningSystem } from '@autolytiq/tools/system.ts';

export const PASSWORD = 'correct-horse-battery';
export const AUTH_KEY_SECRET = 'test-auth-key-secret-0123456789abcdef';

export interface TestSystem extends RunningSystem {
  database: TestDatabase;
  /** The system's data folder: without SMTP_URL, auth's mail lands as .eml files in <dataDir>/mail/. */
  dataDir: string;
  shutdown(): Promise<void>;
}

/**
 * `webPort` also serves the web app (0 = a free port); `replicas`/`redisUrl`/`env` as in startSystem
 * (two of everything on one database and one Redis: tests/replicas.e2e.test.ts).
 */
export async function startTestSystem(
  options: {
    webPort?: number;
    replicas?: number;
    redisUrl?: string;
    env?: Record<string, string>;
    readyTimeoutMs?: number;
    restartCrashed?: { onRestart: (message: string) => void };
    /** Seed the demo dealership's lot, customers and deals, as `npm start` does. */
    demoData?: boolean;
  } = {},
): Promise<TestSystem> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-e2e-`);
  chmodSync(dataDir, 0o755);
  const system = await startSystem({
    databaseUrl: database.url,
    dataDir,
    routerPort: 0,
    freePorts: true,
    authKeySecret: AUTH_KEY_SECRET,
    demoPassword: PASSWORD,
    resetDemoPasswords: false,
    logLevel: 'warn',
    webPort: options.webPort,
    replicas: options.replicas,
    redisUrl: options.redisUrl,
    readyTimeoutMs: options.readyTimeoutMs,
    restartCrashed: options.restartCrashed,
    demoData: options.demoData,
    // The tests sign in far more often than 10 times a minute from one address.
    env: { NODE_ENV: 'test', ROUTER_RATE_LIMIT_LOGIN: '100000', ...options.env },
  });
  return {
    ...system,
    database,
    dataDir,
    shutdown: async () => {
      await system.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second dealership with one user, to prove dealerships cannot see each other. */
export async function provisionOtherDealership(
  databaseUrl: string,
  username: string,
  roles: string[],
) {
  const adminDb = await openDatabase({
    url: databaseUrl,
    schema: 'admin',
    migrations: adminMigrations,
  });
  const dealership = await provisionDealership(adminDb, {
    name: 'Rival Auto Group',
    legalName: 'Rival Auto Group Inc',
    address: { line1: '1 Main St', city: 'Denver', state: 'CO', zip: '80202' },
    timezone: 'America/Denver',
  }).finally(() => adminDb.close());
  const authDb = await openDatabase({
    url: databaseUrl,
    schema: 'auth',
    migrations: authMigrations,
  });
  const user = await authDb
    .withTenant({ dealershipId: dealership.id }, (em) =>
      createUser(em, {
        dealershipId: dealership.id,
        username,
        displayName: username,
        password: PASSWORD,
        roles,
      }),
    )
    .finally(() => authDb.close());
  return { dealership, user };
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  headers: Headers;
}

export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  options: {
    variables?: Record<string, unknown>;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: GqlResponse['errors'] };
  return {
    status: res.status,
    data: body.data ?? undefined,
    errors: body.errors,
    headers: res.headers,
  };
}

/** The answer's data, or an Error with its GraphQL errors (setup steps that must succeed). */
export function must(res: {
  data?: Record<string, any> | null;
  errors?: unknown;
}): Record<string, any> {
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** Adds a vehicle through the router as `token`'s user; its id (setup: throws on errors). */
export async function addVehicleVia(
  routerUrl: string,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const res = await gql(
    routerUrl,
    'mutation($i: AddVehicleInput!) { addVehicle(input: $i) { id } }',
    { token, variables: { i: input } },
  );
  return must(res).addVehicle.id as string;
}

/** Creates a customer through the router (no duplicate prompt); its id (setup: throws on errors). */
export async function createCustomerVia(
  routerUrl: string,
  token: string,
  input: Record<string, unknown>,
): Promise<string> {
  const res = await gql(
    routerUrl,
    'mutation($i: CustomerInput!) { createCustomer(input: $i, confirmNotDuplicate: true) { customer { id } } }',
    { token, variables: { i: input } },
  );
  return must(res).createCustomer.customer.id as string;
}

export const LOGIN = `mutation Login($u: String!, $p: String!) {
  login(input: { username: $u, password: $p }) { status accessToken refreshToken expiresAt refreshExpiresAt }
}`;

export async function login(url: string, username: string, password = PASSWORD) {
  const res = await gql(url, LOGIN, { variables: { u: username, p: password } });
  const result = res.data?.login as { accessToken: string; refreshToken: string } | undefined;
  if (!result) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return result;
}

/**
 * A valid VIN for test vehicles: the first 11 characters of `prefix` (WMI, descriptor, a placeholder
 * check digit, year, plant) + a 6-digit serial, with the check digit computed (49 CFR 565.15).
 */
export function testVin(prefix: string, serial: number): string {
  const body = `${prefix.slice(0, 11)}${String(serial).padStart(6, '0')}`;
  return body.slice(0, 8) + computeCheckDigit(body) + body.slice(9);
}
