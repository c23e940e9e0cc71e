// Real PostgreSQL for integration tests. The vitest global setup provides one server URL for the
// whole run (TEST_DATABASE_URL, or an embedded PostgreSQL); each test file takes its own database
// from it with createTestDatabase(), so files can run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test PostgreSQL server (any database on it). */
    testDatabaseServerUrl: string;
  }
}

export interface TestDatabase {
  /** URL of a fresh, empty database; its user is a superuser on the server. */
  url: string;
  drop(): Promise<void>;
}

/** The server URL from the global setup; TEST_DATABASE_URL when used outside vitest. */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? inject('testDatabaseServerUrl');
  if (!url) throw new Error('no test PostgreSQL: is vitest.global-setup.ts configured?');
  return url;
}

export async function createTestDatabase(serverUrl = testServerUrl()): Promise<TestDatabase> {
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // WITH (FORCE) ends connections a test forgot to close, so a leak cannot make the drop hang or fail.
    drop: () => admin(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
