// Customers at volume: 100,000 customers in one dealership (plus 5,000 in another, so RLS has work),
// then search p50/p95 through the service (tenant transaction + SQL + mapping) for names with typos,
// phone fragments and emails, and `_entities` for 100 customers over HTTP against the real subgraph
// (token verified, one batched SQL query). Prints the EXPLAIN ANALYZE of the fuzzy name search.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import {
  appRoleFor,
  openDatabase,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  type Principal,
} from '@autolytiq/kit';
import { migrations, startCustomersSubgraph } from '@autolytiq/customers';
import { CustomerService } from '../../../subgraphs/customers/src/domain/customer-service.ts';
import { OfflineAddressValidator } from '../../../subgraphs/customers/src/domain/address.ts';
import {
  generatePiiKeyEntry,
  PiiCipher,
} from '../../../subgraphs/customers/src/domain/pii-crypto.ts';
import { CreditService } from '../../../subgraphs/customers/src/domain/credit-service.ts';
import { LeadImportService } from '../../../subgraphs/customers/src/domain/lead-import.ts';
import { startEmbeddedPostgres, freePort } from '../embedded-postgres.ts';
import { cpuByPart } from './process-cpu.ts';
import { fmt, summarize } from './stats.ts';

const FIRST = (
  'james mary john patricia robert jennifer michael linda william elizabeth david barbara richard ' +
  'susan joseph jessica thomas sarah charles karen christopher nancy daniel lisa matthew betty ' +
  'anthony margaret mark sandra donald ashley steven kimberly paul emily andrew donna joshua michelle ' +
  'kenneth dorothy kevin carol brian amanda george melissa timothy deborah ronald stephanie edward ' +
  'rebecca jason sharon jeffrey laura ryan cynthia jacob kathleen gary amy nicholas angela eric ' +
  'shirley jonathan anna stephen brenda larry pamela justin emma scott nicole brandon helen benjamin ' +
  'samantha samuel katherine gregory christine alexander debra frank rachel patrick carolyn raymond ' +
  'janet jack catherine dennis maria jerry heather tyler diane aaron ruth jose julie adam olivia ' +
  'nathan joyce henry virginia douglas victoria zachary kelly peter lauren kyle christina joan jon'
).split(' ');
const LAST = (
  'smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez ' +
  'wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ' +
  'ramirez lewis robinson walker young allen king wright scott torres nguyen hill flores green adams ' +
  'nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz parker ' +
  'cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper ' +
  'peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks chavez wood james ' +
  'bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers long ross foster ' +
  'jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales fisher ' +
  'vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno ' +
  'west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall ' +
  'owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman webb ' +
  'tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason ' +
  'dixon munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren ' +
  'mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne ' +
  'grant dunn kelley spencer hawkins arnold pierce smyth smithson smithers'
).split(' ');

/** Rows generated in SQL: names from the lists, unique emails and NANP phones, spread over 2 years. */
export function seedSql(
  dealershipId: string,
  count: number,
  offset: number,
): { text: string; values: unknown[] } {
  return {
    text: `
      insert into customers.customers (dealership_id, kind, first_name, last_name, emails, phones,
        phone_numbers, source, search_name, search_contact, date_of_birth, created_at)
      select $1::uuid, 'INDIVIDUAL', f, l, array[e], jsonb_build_array(jsonb_build_object('number', p, 'kind', 'MOBILE')),
        array[p], (array['WALK_IN','PHONE','WEB_LEAD','REFERRAL'])[1 + i % 4],
        lower(f || ' ' || l), e || ' ' || substr(p, 2) || ' ' || substr(p, 3),
        date '1950-01-01' + ((i::bigint * 7919) % 18000)::int,
        now() - make_interval(mins => i * 7)
      from (
        select i,
          initcap(($2::text[])[1 + (i * 37) % array_length($2::text[], 1)]) as f,
          initcap(($3::text[])[1 + (i * 101) % array_length($3::text[], 1)]) as l,
          lower(($2::text[])[1 + (i * 37) % array_length($2::text[], 1)] || '.' ||
            ($3::text[])[1 + (i * 101) % array_length($3::text[], 1)] || i || '@example.com') as e,
          '+1' || (array['512','737','214','469','713','210','303','720'])[1 + i % 8]
            || lpad(((2000000 + (i::bigint * 48271) % 7999999))::text, 7, '0') as p
        from generate_series($4::int + 1, $4::int + $5::int) as i
      ) g`,
    values: [dealershipId, FIRST, LAST, offset, count],
  };
}

export async function startJwks() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  const sign = (p: Principal) =>
    new SignJWT({
      dealershipId: p.dealershipId,
      sessionId: p.sessionId,
      username: p.username,
      roles: p.roles,
      permissions: p.permissions,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(p.userId)
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);
  return { url, sign, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function time(
  iterations: number,
  once: (i: number) => Promise<void>,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await once(i);
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchCustomers(databaseUrl?: string): Promise<void> {
  const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
  let dataDir: string | undefined;
  let stopPg: (() => Promise<void>) | undefined;
  let url = databaseUrl;
  if (!url) {
    dataDir = mkdtempSync(`${tmpdir()}/autolytiq-bench-customers-`);
    chmodSync(dataDir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: `${dataDir}/pg`,
      port: 0,
      ephemeral: true,
    });
    stopPg = server.stop;
    url = server.url;
  }
  const db = await openDatabase({ url, schema: 'customers', migrations });
  const jwks = await startJwks();
  let subgraph: Awaited<ReturnType<typeof startCustomersSubgraph>> | undefined;
  try {
    await db.migrate();
    const dealershipId = randomUUID();
    const other = randomUUID();
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    const t0 = performance.now();
    try {
      // The owner seeds (a superuser bypasses RLS); rows carry their dealership explicitly.
      for (let offset = 0; offset < CUSTOMERS; offset += 25_000) {
        const q = seedSql(dealershipId, Math.min(25_000, CUSTOMERS - offset), offset);
        await owner.query(q.text, q.values);
      }
      const q = seedSql(other, 5_000, CUSTOMERS);
      await owner.query(q.text, q.values);
      // What autovacuum would do after a bulk load.
      await owner.query('vacuum analyze customers.customers');
      await owner.query('vacuum analyze customers.customer_search');
    } finally {
      await owner.end();
    }
    console.log(
      `\nCustomers: seeded ${CUSTOMERS.toLocaleString()} customers (+5,000 in another dealership) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const principal: Principal = {
      userId: randomUUID(),
      dealershipId,
      sessionId: randomUUID(),
      username: 'bench',
      roles: ['salesperson'],
      permissions: ['customers.read', 'customers.write'],
    };
    const cipher = PiiCipher.fromConfig(generatePiiKeyEntry('bench'));
    const service = new CustomerService(db, new OfflineAddressValidator(), cipher);
    // The seed wrote dates of birth in clear, as rows from before customers migration 0003 are: the
    // start-up pass seals them (its cost at this size is a figure of its own), so what follows
    // measures the sealed path.
    const sealStart = performance.now();
    const sealed = await service.sealClearDatesOfBirth();
    console.log(
      `  start-up sealing of clear dates of birth: ${sealed.toLocaleString()} rows in ${((performance.now() - sealStart) / 1000).toFixed(1)} s`,
    );
    const searches: Record<string, string[]> = {
      'fuzzy name ("jon smth", "mary jonson", ...)': [
        'jon smth',
        'mary jonson',
        'patrica willams',
        'kevn nguyen',
        'smithers',
        'jose garcia',
      ],
      'phone fragment ("555-01"-style, 4–7 digits)': ['2034', '512 201', '7372045', '(713) 20'],
      'email fragment': ['john.smith1', 'garcia12@', 'mary.jones4', 'nguyen777'],
    };
    console.log('  search through CustomerService (tenant tx + SQL + mapping), first page of 25:');
    const all: number[] = [];
    for (const [label, terms] of Object.entries(searches)) {
      for (const term of terms) await service.list(principal, { search: term, first: 25 }); // warm
      const cpuBefore = cpuByPart();
      const samples = await time(120, (i) =>
        service
          .list(principal, { search: terms[i % terms.length]!, first: 25 })
          .then(() => undefined),
      );
      const cpu = cpuPerCall(cpuBefore, cpuByPart(), samples.length);
      all.push(...samples);
      const s = summarize(samples);
      const hits = await service.list(principal, { search: terms[0]!, first: 25 });
      console.log(
        `    ${label.padEnd(46)} p50 ${fmt(s.p50)}  p95 ${fmt(samplesP95(samples))}  p99 ${fmt(s.p99)}  CPU/search ${cpu}  (n=${s.n}; "${terms[0]}" → ${hits.edges.length}${hits.pageInfo.hasNextPage ? '+' : ''} hits, top: ${hits.edges[0]?.node.firstName ?? ''} ${hits.edges[0]?.node.lastName ?? ''})`,
      );
    }
    console.log(
      `    all searches                                   p95 ${fmt(samplesP95(all))}   (budget ≤ 50 ms)`,
    );
    const listed = summarize(
      await time(100, () => service.list(principal, { first: 25 }).then(() => undefined)),
    );
    console.log(
      `    plain list, newest first (keyset)              p50 ${fmt(listed.p50)}  p99 ${fmt(listed.p99)}`,
    );

    // A seeded customer, taken before the lead imports below add newer ones without a birth date.
    const sample = (await service.list(principal, { first: 1 })).edges[0]!.node;
    await benchCreditAndLeads(db, principal, sample.id);

    const probe = {
      firstName: sample.firstName,
      lastName: sample.lastName,
      // Sealed at rest since customers migration 0003: records carry the birth year only.
      dateOfBirth: (
        await service.revealDateOfBirth(
          { ...principal, permissions: ['customers.pii.read'] },
          sample.id,
          null,
        )
      ).dateOfBirth,
      emails: sample.emails,
      phones: sample.phones.map((p) => ({ number: p.number })),
    };
    const dups = await service.possibleDuplicates(principal, probe);
    const dupTimes = summarize(
      await time(100, () => service.possibleDuplicates(principal, probe).then(() => undefined)),
    );
    console.log(
      `    duplicate check (email, phone, name + DOB)     p50 ${fmt(dupTimes.p50)}  p99 ${fmt(dupTimes.p99)}  (found ${dups.length})`,
    );

    // The plans inside the search functions, as the application role runs them (auto_explain).
    const filters = 'null::uuid, null::text, null::timestamptz, null::timestamptz';
    for (const [label, sql] of [
      ['"jon smth"', `customers.name_hits(array['jon','smth'], 'jon smth', ${filters}, 26, 0)`],
      ['phone fragment "5122034"', `customers.contact_hits('%5122034%', ${filters}, 26, 0)`],
    ] as const) {
      console.log(`  EXPLAIN (ANALYZE, BUFFERS) inside the search function, ${label}:`);
      const lines = await explainNested(
        url,
        dealershipId,
        `select c.id from ${sql} h join customers.customers c on c.id = h.id order by h.score desc, h.id`,
      );
      for (const line of lines) console.log(`    ${line}`);
    }

    // _entities for 100 customers over HTTP, straight to the subgraph (what the router sends).
    const port = await freePort();
    const secret = randomBytes(24).toString('base64url');
    subgraph = await startCustomersSubgraph({
      PORT: port,
      HOST: '127.0.0.1',
      DATABASE_URL: url,
      SUBGRAPH_SECRET: secret,
      AUTH_JWKS_URL: jwks.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      CUSTOMERS_PII_KEYS: generatePiiKeyEntry('bench'),
    });
    const token = await jwks.sign(principal);
    const ids = (await service.list(principal, { first: 100 })).edges.map((e) => e.node.id);
    const body = JSON.stringify({
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id displayName emails phones { number } } } }',
      variables: { r: ids.map((id) => ({ __typename: 'Customer', id })) },
    });
    const call = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-subgraph-secret': secret,
        },
        body,
      });
      const json = (await res.json()) as { data?: { _entities: unknown[] }; errors?: unknown };
      if (!json.data || json.data._entities.filter(Boolean).length !== 100)
        throw new Error(`_entities failed: ${JSON.stringify(json.errors)}`);
    };
    for (let i = 0; i < 20; i++) await call();
    const ent = summarize(await time(300, call));
    console.log(
      `  _entities, 100 customers, HTTP to the subgraph: p50 ${fmt(ent.p50)}  p99 ${fmt(ent.p99)}  (n=${ent.n}; budget ≤ 10 ms; one SQL query, two when an id was merged away)`,
    );
    const refs = summarize(
      await time(300, () => service.references(principal, ids).then(() => undefined)),
    );
    console.log(
      `  the batched reference query alone (tenant tx + SQL): p50 ${fmt(refs.p50)}  p99 ${fmt(refs.p99)}`,
    );
  } finally {
    await subgraph?.stop();
    await jwks.close();
    await db.close();
    await stopPg?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Credit-application reveal (audit insert + two decryptions, one transaction) and ADF lead import. */
async function benchCreditAndLeads(
  db: Awaited<ReturnType<typeof openDatabase>>,
  principal: Principal,
  customerId: string,
): Promise<void> {
  const finance = { ...principal, permissions: [...principal.permissions, 'customers.pii.read'] };
  const credit = new CreditService(db, PiiCipher.fromConfig(generatePiiKeyEntry('bench')));
  const address = { line1: '1100 Congress Ave', city: 'Austin', state: 'TX', zip: '78701' };
  const app = await credit.create(principal, customerId, {
    applicant: {
      firstName: 'Bench',
      lastName: 'Applicant',
      ssn: '536-22-1234',
      dateOfBirth: '1985-04-12',
      residences: [{ address, housingStatus: 'RENT', monthsAtAddress: 24 }],
      employments: [{ employer: 'Acme', status: 'FULL_TIME', monthsEmployed: 36 }],
      grossMonthlyIncome: '6000',
      monthlyHousingPayment: '1500',
    },
  });
  const reveal = summarize(
    await time(200, () => credit.reveal(finance, app.id, null, null).then(() => undefined)),
  );
  console.log(
    `    credit application PII reveal (audit row + decrypt) p50 ${fmt(reveal.p50)}  p99 ${fmt(reveal.p99)}`,
  );
  const leads = new LeadImportService(db);
  const lead = (i: number) => `<?ADF VERSION "1.0"?><adf><prospect>
    <id source="bench">L-${i}</id><requestdate>2026-11-20T14:32:10-06:00</requestdate>
    <vehicle interest="buy" status="used"><year>2021</year><make>Honda</make><model>Civic</model></vehicle>
    <customer><contact><name part="first">Lead</name><name part="last">Person${i}</name>
      <email>lead.person${i}@bench.example</email><phone type="cellphone">512-555-${String(i % 10_000).padStart(4, '0')}</phone>
    </contact></customer><provider><name part="full">Bench Leads</name></provider></prospect></adf>`;
  const imported = summarize(
    await time(100, (i) => leads.importAdf(principal, lead(i)).then(() => undefined)),
  );
  console.log(
    `    ADF lead import (parse, duplicate check, create, activity) p50 ${fmt(imported.p50)}  p99 ${fmt(imported.p99)}`,
  );
}

/**
 * Runs `sql` as the customers application role under `dealershipId` with auto_explain logging the
 * plans of nested statements (the SQL inside the SECURITY DEFINER functions) to this client.
 */
async function explainNested(url: string, dealershipId: string, sql: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lines: string[] = [];
  client.on('notice', (n) => lines.push(...(n.message ?? '').split('\n').filter(Boolean)));
  try {
    await client.query('begin');
    await client.query(`load 'auto_explain'`);
    for (const setting of [
      'auto_explain.log_min_duration = 0',
      'auto_explain.log_nested_statements = on',
      'auto_explain.log_analyze = on',
      'auto_explain.log_buffers = on',
      'client_min_messages = log',
    ])
      await client.query(`set local ${setting}`);
    await client.query(`select set_config('app.dealership_id', $1, true)`, [dealershipId]);
    await client.query(`set local role ${appRoleFor('customers')}`);
    await client.query(sql);
    return lines;
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
}

/** CPU per call of PostgreSQL and of this process between two /proc readings (load-independent). */
export function cpuPerCall(
  before: Map<string, number>,
  after: Map<string, number>,
  calls: number,
): string {
  const ms = (part: string) =>
    ((((after.get(part) ?? 0) - (before.get(part) ?? 0)) * 1000) / calls).toFixed(2);
  return `PostgreSQL ${ms('postgres')} ms + node ${ms('benchmark client')} ms`;
}

function samplesP95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCustomers(process.env.BENCH_DATABASE_URL);
}
