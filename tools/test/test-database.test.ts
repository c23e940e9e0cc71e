// Each test file gets its own database on the shared test server, and drop() really removes it.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testServerUrl } from '../src/test-database.ts';

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('creates separate, empty databases', async () => {
    const [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(one.url).not.toBe(two.url);
      await query(one.url, 'create table only_in_one (x int); insert into only_in_one values (1)');
      expect(await query(one.url, 'select x from only_in_one')).toEqual([{ x: 1 }]);
      await expect(query(two.url, 'select x from only_in_one')).rejects.toThrow(/does not exist/);
    } finally {
      await Promise.all([one.drop(), two.drop()]);
    }
  });

  it('drops the database, even while a connection is still open', async () => {
    const db = await createTestDatabase();
    const name = new URL(db.url).pathname.slice(1);
    const leaked = new pg.Client({ connectionString: db.url });
    leaked.on('error', () => undefined); // the forced drop terminates it
    await leaked.connect();
    await db.drop();
    const rows = await query(
      testServerUrl(),
      `select 1 from pg_database where datname = '${name}'`,
    );
    expect(rows).toEqual([]);
    await leaked.end().catch(() => undefined);
  });
});
