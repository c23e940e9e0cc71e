// `migrate`: runs every subgraph's pending migrations, one schema after the other, and exits — the
// Kubernetes migration Job (deploy/). Subgraphs also migrate at start under the same advisory lock,
// so running this first only moves the work (and its failure) out of the serving pods.
import { openDatabase, SUBGRAPHS, type MigrationList } from '@autolytiq/kit';
import { migrations as admin } from '@autolytiq/admin';
import { migrations as auth } from '@autolytiq/auth';
import { migrations as calc } from '@autolytiq/calc/subgraph';
import { migrations as customers } from '@autolytiq/customers';
import { migrations as deals } from '@autolytiq/deals';
import { migrations as inventory } from '@autolytiq/inventory';
import { migrations as ml } from '@autolytiq/ml/subgraph';

const BY_NAME: Record<string, MigrationList> = {
  admin,
  auth,
  calc,
  customers,
  deals,
  inventory,
  ml,
};

export async function migrateAll(url: string, log: (line: string) => void): Promise<void> {
  for (const { name } of SUBGRAPHS) {
    const list = BY_NAME[name];
    if (!list) throw new Error(`no migrations list for subgraph ${name} (tools/src/migrate.ts)`);
    const db = await openDatabase({ url, schema: name, migrations: list });
    try {
      const ran = await db.migrate();
      log(`${name}: ${ran.length ? `ran ${ran.join(', ')}` : 'up to date'}`);
    } finally {
      await db.close();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required (the schema owner, not the application role)');
    process.exit(78);
  }
  migrateAll(url, (line) => console.log(line)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
