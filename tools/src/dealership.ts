// The platform operator's command: provision a dealership with its first administrator, and list
// dealerships. Runs against DATABASE_URL as the database owner (the role that runs migrations).
//
//   npm run dealership -- create --name "Lone Star Motors" --state TX \
//     --admin-username jdoe --admin-email jdoe@lonestar.example \
//     [--admin-name "Jo Doe"] [--legal-name …] [--line1 …] [--city …] [--zip …] [--timezone America/Chicago]
//   npm run dealership -- list
//
// The first admin is INVITED: the invitation (a link to choose a password, 7 days, single use) waits
// in auth's mail outbox and is sent by the running auth service (WEB_URL builds the link).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '@autolytiq/kit';
import {
  checkFirstAdmin,
  inviteFirstAdmin,
  migrations as authMigrations,
  setDealershipName,
} from '@autolytiq/auth';
import { provisionDealership, migrations as adminMigrations } from '@autolytiq/admin';

// The main time zone of each state (a dealership elsewhere passes --timezone).
const STATE_ZONES: Record<string, string> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
};

export interface CreateDealershipOptions {
  databaseUrl: string;
  webUrl: string;
  name: string;
  state: string;
  adminUsername: string;
  adminEmail: string;
  adminName?: string;
  legalName?: string;
  line1?: string;
  city?: string;
  zip?: string;
  timezone?: string;
}

/** Provisions the dealership (admin) and invites its first admin (auth); returns both ids. */
export async function createDealership(o: CreateDealershipOptions) {
  const state = o.state.trim().toUpperCase();
  const timezone = o.timezone ?? STATE_ZONES[state];
  if (!timezone) throw new Error(`Unknown state ${o.state}: give --timezone.`);
  const adminDb = await openDatabase({
    url: o.databaseUrl,
    schema: 'admin',
    migrations: adminMigrations,
  });
  const authDb = await openDatabase({
    url: o.databaseUrl,
    schema: 'auth',
    migrations: authMigrations,
  });
  try {
    await adminDb.migrate();
    await authDb.migrate();
    const firstAdmin = {
      username: o.adminUsername,
      displayName: o.adminName ?? o.adminUsername,
      email: o.adminEmail,
    };
    await checkFirstAdmin(authDb, firstAdmin);
    const dealership = await provisionDealership(adminDb, {
      name: o.name,
      legalName: o.legalName ?? o.name,
      // The address can be completed by the dealership's admin in its settings.
      address: {
        line1: o.line1 ?? 'To be completed',
        city: o.city ?? 'To be completed',
        state,
        zip: o.zip ?? '00000',
      },
      timezone,
    });
    await authDb.withTenant({ dealershipId: dealership.id }, (em) =>
      setDealershipName(em, dealership.id, dealership.name),
    );
    const admin = await inviteFirstAdmin(authDb, {
      dealershipId: dealership.id,
      ...firstAdmin,
      webUrl: o.webUrl,
    });
    return { dealership, admin };
  } finally {
    await adminDb.close();
    await authDb.close();
  }
}

export async function listDealerships(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      id: string;
      name: string;
      state: string;
      timezone: string;
      created_at: Date;
    }>('select * from admin.all_dealerships()');
    return rows;
  } finally {
    await client.end();
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('Set DATABASE_URL (the database owner, as for migrations).');
  if (command === 'list') {
    for (const d of await listDealerships(databaseUrl))
      console.log(`${d.id}  ${d.state}  ${d.timezone.padEnd(20)}  ${d.name}`);
    return;
  }
  if (command !== 'create') throw new Error('Usage: npm run dealership -- create … | list');
  const { values: v } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      [
        'name',
        'state',
        'admin-username',
        'admin-email',
        'admin-name',
        'legal-name',
        'line1',
        'city',
        'zip',
        'timezone',
      ].map((k) => [k, { type: 'string' as const }]),
    ),
  });
  for (const k of ['name', 'state', 'admin-username', 'admin-email'])
    if (!v[k]) throw new Error(`--${k} is required.`);
  const out = await createDealership({
    databaseUrl,
    webUrl: process.env.WEB_URL ?? 'http://localhost:3000',
    name: v.name!,
    state: v.state!,
    adminUsername: v['admin-username']!,
    adminEmail: v['admin-email']!,
    adminName: v['admin-name'],
    legalName: v['legal-name'],
    line1: v.line1,
    city: v.city,
    zip: v.zip,
    timezone: v.timezone,
  });
  console.log(`dealership ${out.dealership.id} (${out.dealership.name}) created`);
  console.log(
    `admin ${out.admin.username} invited: the invitation mail to ${out.admin.email} is queued (sent by the auth service)`,
  );
}

if (process.argv[1]?.endsWith('dealership.ts')) {
  main().catch((error: unknown) => {
    const e = error as { message?: string; extensions?: { field?: string } };
    console.error(
      `dealership: ${e.message ?? String(error)}${e.extensions?.field ? ` (${e.extensions.field})` : ''}`,
    );
    process.exit(1);
  });
}
