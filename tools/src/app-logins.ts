// A login of its own for each subgraph's application pool (issue 12). The owner's URL is for
// migrations only; with it, `SET ROLE autolytiq_app_<schema>` could be undone by `RESET ROLE` (the
// session user is the owner, often a superuser). Each login here is NOINHERIT, not a superuser, and a
// member of its subgraph's role only: after `RESET ROLE` it holds nothing, `SET ROLE <owner>` is
// refused, and it never reaches another subgraph's schema (auth's password hashes, signing keys).
// `npm start` and every e2e system (tools/src/system.ts) hand each subgraph its DATABASE_APP_URL.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLE, appRoleFor, createRoleSql, ident } from '@autolytiq/kit';

/** The login of `schema`'s pool in database `database` (roles are cluster-wide; databases are not). */
export function appLoginName(schema: string, database: string): string {
  const db = createHash('sha256').update(database).digest('hex').slice(0, 8);
  return `${appRoleFor(schema)}_${db}`;
}

/**
 * Creates (or re-keys) one login per schema and returns its URL by schema. Undefined when the owner
 * may not create roles (a managed database): the caller then says so and the pools use SET ROLE.
 */
export async function ensureAppLogins(
  ownerUrl: string,
  schemas: readonly string[],
): Promise<Record<string, string> | undefined> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const database = new URL(ownerUrl).pathname.slice(1) || 'postgres';
    const urls: Record<string, string> = {};
    for (const schema of schemas) {
      const role = appRoleFor(schema);
      const login = appLoginName(schema, database);
      // A new password each start: nothing else holds it, so nothing else can sign in with it.
      const password = randomBytes(24).toString('base64url');
      await client.query(createRoleSql(APP_ROLE));
      await client.query(createRoleSql(role));
      await client.query(`grant ${ident(APP_ROLE)} to ${ident(role)}`);
      await client.query(`do $$ begin
        if not exists (select from pg_roles where rolname = '${login}') then
          create role ${ident(login)} login noinherit nosuperuser nocreatedb nocreaterole nobypassrls noreplication;
        end if;
      exception when duplicate_object or unique_violation then null;
      end $$`);
      await client.query(`alter role ${ident(login)} with login password '${password}'`);
      await client.query(`grant ${ident(role)} to ${ident(login)}`);
      const url = new URL(ownerUrl);
      url.username = login;
      url.password = password;
      urls[schema] = url.toString();
    }
    return urls;
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return undefined; // insufficient_privilege
    throw error;
  } finally {
    await client.end();
  }
}
