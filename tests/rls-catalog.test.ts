// Every relation that holds a dealership's rows is guarded by PostgreSQL itself (issue 12: the
// customers' search mirror had RLS enabled but not forced, and its view was no security barrier,
// so a crafted search could make an error message show another dealership's name). This test runs
// every subgraph's migrations into one database and reads the catalog: a table with a
// dealership_id column must have row-level security ENABLED and FORCED; a view with one must be a
// security_barrier (its own tenant predicate runs before any caller condition) or security_invoker,
// and so must every view in these schemas (one over a tenant table need not show dealership_id).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations as admin } from '@autolytiq/admin';
import { migrations as ai } from '@autolytiq/ai';
import { migrations as auth } from '@autolytiq/auth';
import { migrations as calc } from '@autolytiq/calc/subgraph';
import { migrations as customers } from '@autolytiq/customers';
import { migrations as deals } from '@autolytiq/deals';
import { migrations as inventory } from '@autolytiq/inventory';
import { APP_ROLE, appRoleFor, CURRENT_DEALERSHIP_SQL, openDatabase } from '@autolytiq/kit';
import { migrations as ml } from '@autolytiq/ml/subgraph';
import { ensureAppLogins } from '@autolytiq/tools/app-logins.ts';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';

const SCHEMAS = { admin, ai, auth, calc, customers, deals, inventory, ml };

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [schema, list] of Object.entries(SCHEMAS)) {
    const db = await openDatabase({ url: database.url, schema, migrations: list });
    try {
      await db.migrate();
    } finally {
      await db.close();
    }
  }
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

interface Relation {
  name: string;
  kind: string;
  rls: boolean;
  forced: boolean;
  options: string[] | null;
}

describe('row-level security in the catalog', () => {
  it('every table and view with dealership_id is guarded', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client
      .query<Relation>(
        `select n.nspname || '.' || c.relname as name, c.relkind as kind,
                c.relrowsecurity as rls, c.relforcerowsecurity as forced, c.reloptions as options
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
           join pg_attribute a on a.attrelid = c.oid and a.attname = 'dealership_id'
                              and not a.attisdropped
          where n.nspname = any($1) and c.relkind in ('r', 'p', 'v', 'm')
         union
         -- Every view, with or without the column: a view over a tenant table filters it itself.
         select n.nspname || '.' || c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
                c.reloptions
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = any($1) and c.relkind in ('v', 'm')
          order by 1`,
        // audit: the kit's platform audit trail, migrated by every subgraph.
        [[...Object.keys(SCHEMAS), 'audit']],
      )
      .finally(() => client.end());
    // The test must see the tenant tables, or it proves nothing.
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['deals.deals', 'customers.customers', 'auth.users', 'audit.entries']),
    );
    const unguarded = rows
      .filter((r) =>
        r.kind === 'v' || r.kind === 'm'
          ? !(r.options ?? []).some((o) =>
              /^(security_barrier|security_invoker)=(true|on)$/.test(o),
            )
          : !(r.rls && r.forced),
      )
      .map((r) => `${r.name} (${r.kind === 'v' ? 'view' : `rls ${r.rls}, forced ${r.forced}`})`);
    expect(unguarded).toEqual([]);
  });
});

// Searches reach trigram indexes through SECURITY DEFINER functions owned by a search role
// (kit: searchRoleFor) that reads the search table under a policy of its own. That role must not be
// a way around the tenant: it cannot log in, bypasses nothing, only the owner may become it, it may
// only read, and each function it owns states the tenant condition itself and is not public.
// (Each subgraph's tests call its functions under the wrong tenant and under none.)
describe('permissive policies other than the tenant rule, and the functions they serve', () => {
  const query = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<R>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  const schemas = () => [...Object.keys(SCHEMAS), 'audit'];

  it('admit only the owner or a search role, and a search role only to read', async () => {
    const owner = new URL(database.url).username || 'postgres';
    const rows = await query<{ policy: string; role: string; command: string }>(
      `select p.schemaname || '.' || p.tablename || ' ' || p.policyname as policy, r as role,
              p.cmd as command
         from pg_policies p, unnest(p.roles) r
        where p.schemaname = any($1) and p.policyname <> 'tenant_isolation'
          and p.permissive = 'PERMISSIVE' order by 1, 2`,
      [schemas()],
    );
    expect(rows.map((r) => r.policy)).toEqual(
      expect.arrayContaining(['customers.customer_search search_functions']),
    );
    const stray = rows.filter(
      (r) =>
        r.role !== owner && !(r.role.startsWith('autolytiq_search_') && r.command === 'SELECT'),
    );
    expect(stray).toEqual([]);
  });

  it('search roles cannot log in, bypass nothing, have no member but the owner, and only read', async () => {
    const owner = new URL(database.url).username || 'postgres';
    const roles = await query<{
      role: string;
      login: boolean;
      superuser: boolean;
      bypass: boolean;
      members: string[];
      writes: string[];
    }>(
      `select r.rolname as role, r.rolcanlogin as login, r.rolsuper as superuser,
              r.rolbypassrls as bypass,
              array(select m.rolname::text from pg_auth_members a join pg_roles m on m.oid = a.member
                     where a.roleid = r.oid) as members,
              array(select g.table_schema || '.' || g.table_name || ' ' || g.privilege_type
                      from information_schema.role_table_grants g
                     where g.grantee = r.rolname and g.privilege_type <> 'SELECT') as writes
         from pg_roles r where r.rolname like 'autolytiq\\_search\\_%' order by 1`,
    );
    expect(roles.map((r) => r.role)).toContain('autolytiq_search_customers');
    for (const r of roles) {
      expect(r).toMatchObject({ login: false, superuser: false, bypass: false, writes: [] });
      expect(r.members.filter((m) => m !== owner)).toEqual([]);
    }
  });

  it("their functions are SECURITY DEFINER, not public, and filter by the session's tenant", async () => {
    const functions = await query<{
      name: string;
      definer: boolean;
      public: boolean;
      source: string;
    }>(
      `select p.oid::regprocedure::text as name, p.prosecdef as definer, p.prosrc as source,
              exists (select from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                       where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public
         from pg_proc p join pg_roles o on o.oid = p.proowner
        where o.rolname like 'autolytiq\\_search\\_%' order by 1`,
    );
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^customers\.name_hits\(/)]),
    );
    for (const f of functions) {
      expect({ name: f.name, definer: f.definer, public: f.public }).toEqual({
        name: f.name,
        definer: true,
        public: false,
      });
      expect(f.source, f.name).toContain(CURRENT_DEALERSHIP_SQL);
    }
  });
});

// Issue 12: every pool could read auth's password hashes and signing keys, and the owner's login
// under SET ROLE could RESET ROLE back to the owner.
describe('database roles', () => {
  it("each subgraph's role reaches only its own schema (and the shared audit trail)", async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const schemas = [...Object.keys(SCHEMAS), 'audit'];
    const roles = [...Object.keys(SCHEMAS).map(appRoleFor), APP_ROLE];
    const { rows } = await client
      .query<{ role: string; schema: string }>(
        `select r as role, s as schema from unnest($1::text[]) r, unnest($2::text[]) s
          where has_schema_privilege(r, s, 'usage') order by 1, 2`,
        [roles, schemas],
      )
      .finally(() => client.end());
    const expected = Object.keys(SCHEMAS)
      .flatMap((s) => [
        { role: appRoleFor(s), schema: s },
        { role: appRoleFor(s), schema: 'audit' },
      ])
      .sort((a, b) => (a.role + a.schema < b.role + b.schema ? -1 : 1));
    expect(rows).toEqual(expected);
  });

  it('a subgraph login (npm start, e2e) cannot become the owner nor read another schema', async () => {
    const urls = await ensureAppLogins(database.url, Object.keys(SCHEMAS));
    expect(urls).toBeDefined();
    const owner = new URL(database.url).username || 'postgres';
    const deals = await openDatabase({ url: database.url, appUrl: urls!.deals, schema: 'deals' });
    try {
      const [me] = await deals.asSystem((em) =>
        em.execute(
          'select session_user as login, current_user as role, r.rolsuper, r.rolinherit from pg_roles r where r.rolname = session_user',
        ),
      );
      expect(me).toMatchObject({ role: appRoleFor('deals'), rolsuper: false, rolinherit: false });
      expect(me!.login).not.toBe(owner);
      const refused = async (sql: string, reason: RegExp) =>
        expect(deals.asSystem((em) => em.execute(sql))).rejects.toThrow(reason);
      await refused('select count(*) from auth.users', /permission denied for schema auth/);
      await refused('select count(*) from auth.signing_keys', /permission denied for schema auth/);
      await refused(`set local role ${owner}`, /permission denied/);
      // RESET ROLE gives the login back, which holds nothing itself (NOINHERIT).
      for (const table of ['deals.deals', 'auth.users']) {
        await expect(
          deals.asSystem(async (em) => {
            await em.execute('reset role');
            return em.execute(`select count(*) from ${table}`);
          }),
        ).rejects.toThrow(/permission denied/);
      }
      expect(
        await deals.asSystem((em) => em.execute('select count(*)::int as n from deals.deals')),
      ).toEqual([{ n: 0 }]);
    } finally {
      await deals.close();
    }
  });
});
