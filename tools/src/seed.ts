// The demo dealership and its four logins. Idempotent: a second run changes nothing, except that a
// DEMO_PASSWORD given explicitly resets the demo users' passwords to it.
import { openDatabase, type Database } from '@autolytiq/kit';
import {
  createUser,
  loginCandidate,
  resetUserPassword,
  migrations as authMigrations,
} from '@autolytiq/auth';
import { provisionDealership, migrations as adminMigrations } from '@autolytiq/admin';

export const DEMO_DEALERSHIP_ID = '00000000-0000-4000-8000-00000000d3e0';

export const DEMO_USERS = [
  { username: 'admin', displayName: 'Alex Admin', roles: ['admin'] },
  { username: 'manager', displayName: 'Morgan Manager', roles: ['manager'] },
  { username: 'sales', displayName: 'Sam Sales', roles: ['salesperson'] },
  { username: 'finance', displayName: 'Frankie Finance', roles: ['finance'] },
] as const;

export interface SeedResult {
  dealershipId: string;
  created: string[];
  passwordReset: string[];
}

async function withDb<T>(
  url: string,
  schema: string,
  list: typeof authMigrations,
  fn: (db: Database) => Promise<T>,
): Promise<T> {
  const db = await openDatabase({ url, schema, migrations: list });
  try {
    await db.migrate();
    return await fn(db);
  } finally {
    await db.close();
  }
}

export async function seedDemo(
  databaseUrl: string,
  password: string,
  resetPasswords: boolean,
): Promise<SeedResult> {
  await withDb(databaseUrl, 'admin', adminMigrations, (db) =>
    provisionDealership(db, {
      id: DEMO_DEALERSHIP_ID,
      name: 'Autolytiq Demo Motors',
      legalName: 'Autolytiq Demo Motors LLC',
      address: {
        line1: '500 E Cesar Chavez St',
        city: 'Austin',
        state: 'TX',
        zip: '78701',
        county: 'Travis',
      },
      timezone: 'America/Chicago',
    }),
  );
  return withDb(databaseUrl, 'auth', authMigrations, async (db) => {
    const result: SeedResult = { dealershipId: DEMO_DEALERSHIP_ID, created: [], passwordReset: [] };
    for (const user of DEMO_USERS) {
      const existing = await db.asSystem((em) => loginCandidate(em, user.username));
      const tenant = { dealershipId: DEMO_DEALERSHIP_ID };
      if (!existing) {
        await db.withTenant(tenant, (em) =>
          createUser(em, {
            ...user,
            roles: [...user.roles],
            dealershipId: DEMO_DEALERSHIP_ID,
            password,
          }),
        );
        result.created.push(user.username);
      } else if (resetPasswords && existing.dealershipId === DEMO_DEALERSHIP_ID) {
        await db.withTenant(tenant, (em) => resetUserPassword(em, existing.userId, password));
        result.passwordReset.push(user.username);
      }
    }
    return result;
  });
}
