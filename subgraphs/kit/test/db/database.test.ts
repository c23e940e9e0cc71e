// openDatabase against real PostgreSQL: migrations, transactions, and the app role's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';
import {
  APP_ROLE,
  MIGRATIONS_TABLE,
  appRoleFor,
  afterCommit,
  openDatabase,
  type Database,
} from '../../src/db/index.ts';
import { MIGRATIONS, Note, SCHEMA } from './fixtures.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const USER = '00000000-0000-4000-8000-0000000000f1';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase({
    url: testDb.url,
    schema: SCHEMA,
    entities: [Note],
    migrations: MIGRATIONS,
  });
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('migrate', () => {
  it('is safe when several replicas migrate at once, and idempotent', async () => {
    const replicas = await Promise.all(
      [1, 2, 3].map(() =>
        openDatabase({ url: testDb.url, schema: SCHEMA, migrations: MIGRATIONS }),
      ),
    );
    try {
      expect(db.migrated).toBe(false);
      const runs = await Promise.all([db.migrate(), ...replicas.map((r) => r.migrate())]);
      // Exactly one replica applied each migration; the others found nothing pending.
      expect(runs.flat().sort()).toEqual(['0001_create_note', '0002_count_notes_function']);
      expect(await db.migrate()).toEqual([]);
      expect(db.migrated).toBe(true);
      const rows = await owner(`select name from ${SCHEMA}.${MIGRATIONS_TABLE} order by id`);
      expect(rows.map((r) => r.name)).toEqual(['0001_create_note', '0002_count_notes_function']);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
    }
  });

  it('applies nothing of a batch when one migration fails, and reports it', async () => {
    const { Migration } = await import('../../src/db/index.ts');
    class Good extends Migration {
      override name = '0100_good';
      override up(): void {
        this.addSql('create table half_done (id int)');
      }
    }
    class Bad extends Migration {
      override name = '0101_bad';
      override up(): void {
        this.addSql('select * from no_such_table');
      }
    }
    const broken = await openDatabase({
      url: testDb.url,
      schema: 'kit_broken',
      migrations: [Good, Bad],
    });
    try {
      await expect(broken.migrate()).rejects.toThrow(/no_such_table/);
      expect(broken.migrated).toBe(false);
      expect(await owner(`select to_regclass('kit_broken.half_done') as t`)).toEqual([{ t: null }]);
      expect(await owner(`select count(*)::int as n from kit_broken.${MIGRATIONS_TABLE}`)).toEqual([
        { n: 0 },
      ]);
    } finally {
      await broken.close();
    }
  });

  it('creates the app roles without privileges of their own', async () => {
    for (const name of [APP_ROLE, appRoleFor(SCHEMA)]) {
      const [role] = await owner(
        `select rolsuper, rolbypassrls, rolcanlogin, rolcreaterole from pg_roles where rolname = '${name}'`,
      );
      expect(role).toEqual({
        rolsuper: false,
        rolbypassrls: false,
        rolcanlogin: false,
        rolcreaterole: false,
      });
    }
  });

  it("gives each schema's app role its own schema only (issue 12)", async () => {
    const other = 'kit_other_schema';
    // An older database: the shared role was granted every schema. Migrating takes that back.
    await owner(`create schema if not exists ${other};
      create table if not exists ${other}.secret (x int); insert into ${other}.secret values (42);
      grant usage on schema ${other}, ${SCHEMA} to ${APP_ROLE};
      grant select on all tables in schema ${other} to ${APP_ROLE};
      grant select on all tables in schema ${SCHEMA} to ${APP_ROLE}`);
    const otherDb = await openDatabase({ url: testDb.url, schema: other });
    try {
      await otherDb.migrate();
      await db.migrate();
      expect(await otherDb.asSystem((em) => em.execute(`select x from ${other}.secret`))).toEqual([
        { x: 42 },
      ]);
      await expect(
        db.asSystem((em) => em.execute(`select x from ${other}.secret`)),
      ).rejects.toThrow(/permission denied for schema/);
      await expect(
        otherDb.asSystem((em) => em.execute(`select ${SCHEMA}.count_notes('a-secret')`)),
      ).rejects.toThrow(/permission denied for schema/);
      const [grants] = await owner(
        `select has_schema_privilege('${APP_ROLE}', '${other}', 'usage') as shared_other,
                has_schema_privilege('${APP_ROLE}', '${SCHEMA}', 'usage') as shared_own,
                has_schema_privilege('${appRoleFor(SCHEMA)}', '${other}', 'usage') as mine_other,
                has_schema_privilege('${appRoleFor(SCHEMA)}', '${SCHEMA}', 'usage') as mine_own`,
      );
      expect(grants).toEqual({
        shared_other: false,
        shared_own: false,
        mine_other: false,
        mine_own: true,
      });
    } finally {
      await otherDb.close();
      await owner(`drop schema ${other} cascade`);
    }
  });

  it('runs a later migration added to the list, and covers its table by the default grants', async () => {
    const { Migration } = await import('../../src/db/index.ts');
    class AddTag extends Migration {
      override name = '0003_add_tag';
      override up(): void {
        this.addSql('create table tag (id serial primary key, label text not null)');
      }
    }
    const next = await openDatabase({
      url: testDb.url,
      schema: SCHEMA,
      migrations: [...MIGRATIONS, AddTag],
    });
    try {
      expect(await next.migrate()).toEqual(['0003_add_tag']);
      // Not a tenant table: the app role can use it (table + serial sequence) through the grants.
      const rows = await next.asSystem(async (em) => {
        await em.execute(`insert into ${SCHEMA}.tag (label) values ('x')`);
        return em.execute(`select label from ${SCHEMA}.tag`);
      });
      expect(rows).toEqual([{ label: 'x' }]);
    } finally {
      await next.close();
    }
  });
});

describe('transactions as the app role', () => {
  beforeAll(async () => {
    await db.migrate();
    await db.withTenant({ dealershipId: A, userId: USER }, async (em) => {
      em.create(Note, { dealershipId: A, body: 'a-secret' });
    });
    await db.withTenant({ dealershipId: B }, async (em) => {
      em.create(Note, { dealershipId: B, body: 'b-note' });
    });
  });

  it('sets the tenant, the user and the role for the transaction, and returns the callback value', async () => {
    const value = await db.withTenant({ dealershipId: A, userId: USER }, async (em) => {
      return em.execute(
        `select current_user, current_setting('app.dealership_id') as d, current_setting('app.user_id') as u`,
      );
    });
    expect(value).toEqual([{ current_user: appRoleFor(SCHEMA), d: A, u: USER }]);
  });

  it('runs afterCommit work once the transaction committed, and none after a rollback', async () => {
    const ran: string[] = [];
    await db.withTenant({ dealershipId: A }, async (em) => {
      afterCommit(em, () => ran.push('committed'));
      // Not yet: the transaction is still open.
      expect(ran).toEqual([]);
    });
    await expect(
      db.withTenant({ dealershipId: A }, async (em) => {
        afterCommit(em, () => ran.push('rolled back'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(ran).toEqual(['committed']);
    expect(() => afterCommit(db.orm.em.fork(), () => undefined)).toThrow(/not inside/);
  });

  it('shows a tenant only its own rows (entities and raw SQL)', async () => {
    const aNotes = await db.withTenant({ dealershipId: A }, (em) => em.find(Note, {}));
    expect(aNotes.map((n) => n.body)).toEqual(['a-secret']);
    const bRaw = await db.withTenant({ dealershipId: B }, (em) =>
      em.execute(`select body from ${SCHEMA}.note`),
    );
    expect(bRaw).toEqual([{ body: 'b-note' }]);
  });

  it("does not let tenant B change or delete A's rows, nor write rows for A", async () => {
    const [updated, deleted] = await db.withTenant({ dealershipId: B }, async (em) => [
      await em.nativeUpdate(Note, { body: 'a-secret' }, { body: 'stolen' }),
      await em.nativeDelete(Note, { body: 'a-secret' }),
    ]);
    expect([updated, deleted]).toEqual([0, 0]);
    await expect(
      db.withTenant({ dealershipId: B }, async (em) => {
        em.create(Note, { dealershipId: A, body: 'planted' });
      }),
    ).rejects.toThrow(/row-level security/);
    await expect(
      db.withTenant({ dealershipId: B }, (em) =>
        em.execute(`update ${SCHEMA}.note set dealership_id = '${A}' where body = 'b-note'`),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await bodies()).toEqual(['a-secret', 'b-note']);
  });

  it('hides every tenant row when no tenant is set, and refuses tenant writes', async () => {
    expect(await db.asSystem((em) => em.find(Note, {}))).toEqual([]);
    await expect(
      db.asSystem(async (em) => {
        em.create(Note, { dealershipId: A, body: 'no tenant' });
      }),
    ).rejects.toThrow(/row-level security/);
    // A query outside any transaction runs on a pooled connection that was switched to the app role.
    const fork = db.orm.em.fork();
    expect(await fork.find(Note, {})).toEqual([]);
    expect(await fork.execute('select current_user')).toEqual([
      { current_user: appRoleFor(SCHEMA) },
    ]);
  });

  it('does not let the app role bypass RLS', async () => {
    const [me] = await db.asSystem((em) =>
      em.execute(`select r.rolsuper, r.rolbypassrls, pg_has_role(current_user, c.relowner, 'usage') as owns
        from pg_roles r, pg_class c where r.rolname = current_user and c.oid = '${SCHEMA}.note'::regclass`),
    );
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false, owns: false });
    await expect(
      db.withTenant({ dealershipId: B }, async (em) => {
        await em.execute('set local row_security = off');
        return em.execute(`select body from ${SCHEMA}.note`);
      }),
    ).rejects.toThrow(/row-level security/);
    await expect(
      db.withTenant({ dealershipId: B }, (em) =>
        em.execute(`alter table ${SCHEMA}.note disable row level security`),
      ),
    ).rejects.toThrow(/must be owner/);
  });

  it('with a separate app login, cannot even switch back to the owner', async () => {
    // With SET ROLE on the owner's connection (the default), the session user is still the owner, so
    // SQL that says `SET ROLE <owner>` would get out; a dedicated login (appUrl) closes that door.
    const login = `app_login_${Math.random().toString(36).slice(2, 10)}`;
    await owner(`create role ${login} login password 'pw' in role ${appRoleFor(SCHEMA)}`);
    const url = new URL(testDb.url);
    url.username = login;
    url.password = 'pw';
    const app = await openDatabase({
      url: testDb.url,
      appUrl: url.toString(),
      schema: SCHEMA,
      entities: [Note],
    });
    try {
      const notes = await app.withTenant({ dealershipId: A }, (em) => em.find(Note, {}));
      expect(notes.map((n) => n.body)).toEqual(['a-secret']);
      for (const sql of [
        'set local role postgres',
        `set local role ${new URL(testDb.url).username || 'postgres'}`,
      ]) {
        await expect(app.withTenant({ dealershipId: B }, (em) => em.execute(sql))).rejects.toThrow(
          /permission denied/,
        );
      }
      const afterReset = await app.withTenant({ dealershipId: B }, async (em) => {
        await em.execute('reset role');
        return em.execute(`select body from ${SCHEMA}.note`);
      });
      expect(afterReset).toEqual([{ body: 'b-note' }]);
    } finally {
      await app.close();
      await owner(`drop role ${login}`);
    }
  });

  it('lets a SECURITY DEFINER function look across tenants without a tenant set', async () => {
    const rows = await db.asSystem((em) =>
      em.execute(
        `select ${SCHEMA}.count_notes('a-secret') as a, ${SCHEMA}.count_notes('b-note') as b`,
      ),
    );
    expect(rows).toEqual([{ a: '1', b: '1' }]);
  });

  it('rolls back everything when the callback throws', async () => {
    await expect(
      db.withTenant({ dealershipId: A }, async (em) => {
        await em.execute(`insert into ${SCHEMA}.note (dealership_id, body) values ('${A}', 'raw')`);
        em.create(Note, { dealershipId: A, body: 'entity' });
        await em.flush();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await bodies()).toEqual(['a-secret', 'b-note']);
  });

  it('does not leak the tenant setting to the next transaction on the same connection', async () => {
    const single = await openDatabase({
      url: testDb.url,
      schema: SCHEMA,
      entities: [Note],
      poolSize: 1,
    });
    try {
      await single.withTenant({ dealershipId: A }, (em) => em.find(Note, {}));
      const rows = await single.asSystem((em) =>
        em.execute(`select coalesce(current_setting('app.dealership_id', true), '') as d`),
      );
      expect(rows).toEqual([{ d: '' }]);
    } finally {
      await single.close();
    }
  });

  it('rejects a tenant id that is not a UUID', async () => {
    await expect(db.withTenant({ dealershipId: "x' or true --" }, async () => 1)).rejects.toThrow(
      /UUID/,
    );
  });
});

// db.read: one round trip per statement, the tenant settings and the statement in one simple query.
describe('reads in one round trip', () => {
  it('run as the app role in the tenant, with parameters, and show only its rows', async () => {
    const [who] = await db.read({ dealershipId: A, userId: USER }, (sql) =>
      sql.execute(
        `select current_user, current_setting('app.dealership_id') as d, current_setting('app.user_id') as u`,
      ),
    );
    expect(who).toEqual({ current_user: appRoleFor(SCHEMA), d: A, u: USER });
    const read = (tenant: string, body: string) =>
      db.read({ dealershipId: tenant }, (sql) =>
        sql.execute(`select body from ${SCHEMA}.note where body = ? or ? = 'all'`, [body, body]),
      );
    expect(await read(A, 'all')).toEqual([{ body: 'a-secret' }]);
    expect(await read(B, 'a-secret')).toEqual([]); // wrong tenant
    // A parameter is a value, never SQL.
    expect(await read(A, "x' or true --")).toEqual([]);
  });

  it('leave nothing behind on the connection, also after a failed statement', async () => {
    const single = await openDatabase({ url: testDb.url, schema: SCHEMA, poolSize: 1 });
    try {
      await single.read({ dealershipId: A }, (sql) => sql.execute(`select 1`));
      await expect(
        single.read({ dealershipId: A }, (sql) => sql.execute(`select * from no_such_table`)),
      ).rejects.toThrow(/no_such_table/);
      const rows = await single.asSystem((em) =>
        em.execute(`select coalesce(current_setting('app.dealership_id', true), '') as d,
                           (select count(*)::int from ${SCHEMA}.note) as n`),
      );
      expect(rows).toEqual([{ d: '', n: 0 }]);
    } finally {
      await single.close();
    }
  });

  it('refuse a tenant id that is not a UUID, and writes fail under RLS like anywhere', async () => {
    await expect(db.read({ dealershipId: "x' or true --" }, async () => 1)).rejects.toThrow(/UUID/);
    await expect(
      db.read({ dealershipId: B }, (sql) =>
        sql.execute(`insert into ${SCHEMA}.note (dealership_id, body) values (?, 'x')`, [A]),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});

describe('ping', () => {
  it('answers true when reachable and false when not', async () => {
    expect(await db.ping()).toBe(true);
    const down = await openDatabase({
      url: 'postgres://nobody:x@127.0.0.1:1/none',
      schema: SCHEMA,
    });
    try {
      expect(await down.ping()).toBe(false);
    } finally {
      await down.close();
    }
  });
});

/** Runs SQL as the owner (superuser), bypassing RLS, to check what is really stored. */
async function owner(sql: string): Promise<Record<string, unknown>[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: testDb.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function bodies(): Promise<string[]> {
  const rows = await owner(`select body from ${SCHEMA}.note order by body`);
  return rows.map((r) => String(r.body));
}
