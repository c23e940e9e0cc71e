// The demo dealership and its four logins. Idempotent: a second run changes nothing, except that a
// DEMO_PASSWORD given explicitly resets the demo users' passwords to it.
import { openDatabase, type Database } from '@autolytiq/kit';
import {
  createUser,
  loginCandidate,
  resetUserPassword,
  setDealershipName,
  migrations as authMigrations,
} from '@autolytiq/auth';
import { provisionDealership, migrations as adminMigrations } from '@autolytiq/admin';
import { permissionsOf } from '@autolytiq/auth';
import type { Principal } from '@autolytiq/kit';
import { seedDemoData, type DemoCast, type DemoDataSummary } from './demo/index.ts';

export const DEMO_DEALERSHIP_ID = '00000000-0000-4000-8000-00000000d3e0';

export const DEMO_USERS = [
  { username: 'admin', displayName: 'Alex Admin', roles: ['admin'] },
  { username: 'manager', displayName: 'Morgan Manager', roles: ['manager'] },
  { username: 'sales', displayName: 'Sam Sales', roles: ['salesperson'] },
  { username: 'sales2', displayName: 'Riley Rivera', roles: ['salesperson'] },
  { username: 'finance', displayName: 'Frankie Finance', roles: ['finance'] },
] as const;

export const DEMO_TIMEZONE = 'America/Chicago';

export interface SeedResult {
  dealershipId: string;
  created: string[];
  passwordReset: string[];
  /** The demo lot, customers and deals; null when not asked for (DEMO_DATA=false, tests). */
  data: DemoDataSummary | null;
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

export interface SeedOptions {
  /** Also seed the demo lot, customers and deals (once: skipped when the dealership has data). */
  demoData?: boolean;
  /** "Now" for the demo data (tests pin it; default the clock). */
  now?: Date;
}

type DemoUser = (typeof DEMO_USERS)[number];

/** Creates missing demo users (in parallel: bcrypt runs on the thread pool); returns their ids. */
async function ensureUsers(
  db: Database,
  password: string,
  resetPasswords: boolean,
  result: SeedResult,
): Promise<Map<DemoUser, string>> {
  const tenant = { dealershipId: DEMO_DEALERSHIP_ID };
  const ids = new Map<DemoUser, string>();
  await Promise.all(
    DEMO_USERS.map(async (user) => {
      const existing = await db.asSystem((em) => loginCandidate(em, user.username));
      if (!existing) {
        const created = await db.withTenant(tenant, (em) =>
          createUser(em, {
            ...user,
            roles: [...user.roles],
            dealershipId: DEMO_DEALERSHIP_ID,
            password,
          }),
        );
        ids.set(user, created.id);
        result.created.push(user.username);
      } else if (existing.dealershipId === DEMO_DEALERSHIP_ID) {
        ids.set(user, existing.userId);
        if (resetPasswords) {
          await db.withTenant(tenant, (em) => resetUserPassword(em, existing.userId, password));
          result.passwordReset.push(user.username);
        }
      }
    }),
  );
  return ids;
}

/** The demo users as the principals their tokens would carry (the seed acts as them). */
function castOf(ids: Map<DemoUser, string>): DemoCast {
  const principal = (username: string): Principal => {
    const user = DEMO_USERS.find((u) => u.username === username)!;
    const userId = ids.get(user);
    if (!userId) throw new Error(`demo user ${username} belongs to another dealership`);
    const roles = [...user.roles];
    return {
      userId,
      dealershipId: DEMO_DEALERSHIP_ID,
      sessionId: 'demo-seed',
      username,
      roles,
      permissions: permissionsOf(roles),
      timezone: DEMO_TIMEZONE,
    };
  };
  return {
    admin: principal('admin'),
    manager: principal('manager'),
    finance: principal('finance'),
    salespeople: [principal('sales'), principal('sales2')],
  };
}

export async function seedDemo(
  databaseUrl: string,
  password: string,
  resetPasswords: boolean,
  opts: SeedOptions = {},
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
      timezone: DEMO_TIMEZONE,
    }),
  );
  const result: SeedResult = {
    dealershipId: DEMO_DEALERSHIP_ID,
    created: [],
    passwordReset: [],
    data: null,
  };
  const ids = await withDb(databaseUrl, 'auth', authMigrations, async (db) => {
    // The name auth's mail (password resets, unlock links) greets with.
    await db.withTenant({ dealershipId: DEMO_DEALERSHIP_ID }, (em) =>
      setDealershipName(em, DEMO_DEALERSHIP_ID, 'Autolytiq Demo Motors'),
    );
    return ensureUsers(db, password, resetPasswords, result);
  });
  if (opts.demoData) {
    result.data = await seedDemoData(databaseUrl, castOf(ids), {
      timezone: DEMO_TIMEZONE,
      now: opts.now,
    });
  }
  return result;
}
