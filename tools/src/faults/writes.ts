// The write side of the fault suite: every createCustomer the load sends carries a last name of its
// own, so afterwards each attempt can be matched with what the database holds. A customer is written
// in one transaction with its search row (trigger) and its audit entry; the check is that every
// acknowledged write is there, that nothing exists that was not attempted, and that no customer lacks
// either companion row (a half-done write).
import pg from 'pg';
import type { LoadRequest, Outcome } from './load.ts';

const CREATE = `mutation FaultCreate($input: CustomerInput!) {
  createCustomer(input: $input, confirmNotDuplicate: true) { customer { id lastName } }
}`;

/**
 * Creates under `label`; with a salesperson the customers subgraph also asks auth (through the router)
 * whether that user is on the team, so those writes depend on auth and the others do not.
 */
export function customerWrites(run: string, label: string, salespersonId?: string): LoadRequest {
  let n = 0;
  return {
    label,
    query: CREATE,
    variables: () => ({
      input: {
        firstName: 'Fault',
        lastName: `${run}-${label}-${++n}`,
        emails: [`fault-${run}-${label}-${n}@example.com`],
        ...(salespersonId ? { assignedSalespersonId: salespersonId } : {}),
      },
    }),
  };
}

export interface WriteCheck {
  attempted: number;
  acknowledged: number;
  /** Acknowledged (an id came back) but not in the database: must be 0. */
  lost: number;
  /** Answered with an error but committed anyway (allowed only when the answer said UNKNOWN). */
  committedDespiteError: number;
  /** …of which the error did not say writeOutcome UNKNOWN (or a subgraph-side outage). */
  committedDespiteNotApplied: number;
  /** Rows with no attempt behind them, or twice for one attempt: must be 0. */
  unexpected: number;
  /** Customers without their search row or audit entry: must be 0. */
  halfDone: number;
}

export async function checkWrites(
  databaseUrl: string,
  run: string,
  outcomes: Outcome[],
): Promise<WriteCheck> {
  const attempts = outcomes.filter((o) => o.label.startsWith('createCustomer'));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows: Array<{ last_name: string; search: string; audits: string }>;
  try {
    ({ rows } = await client.query(
      `select c.last_name,
              (select count(*) from customers.customer_search s where s.id = c.id) as search,
              (select count(*) from audit.entries a
                where a.entity_type = 'Customer' and a.entity_id = c.id::text and a.action = 'create')
                as audits
         from customers.customers c
        where c.first_name = 'Fault' and c.last_name like $1`,
      [`${run}-%`],
    ));
  } finally {
    await client.end();
  }
  const stored = new Map<string, number>();
  for (const r of rows) stored.set(r.last_name, (stored.get(r.last_name) ?? 0) + 1);
  const nameOf = (o: Outcome) =>
    String((o.variables?.input as { lastName?: string } | undefined)?.lastName);
  const attemptedNames = new Set(attempts.map(nameOf));
  const acked = attempts.filter((o) => o.kind === 'ok');
  const failed = attempts.filter((o) => o.kind !== 'ok');
  const committedFailed = failed.filter((o) => stored.has(nameOf(o)));
  return {
    attempted: attempts.length,
    acknowledged: acked.length,
    lost: acked.filter((o) => !stored.has(nameOf(o))).length,
    committedDespiteError: committedFailed.length,
    committedDespiteNotApplied: committedFailed.filter((o) =>
      (o.writeOutcomes ?? []).includes('NOT_APPLIED'),
    ).length,
    unexpected: [...stored].filter(([name, count]) => !attemptedNames.has(name) || count > 1)
      .length,
    halfDone: rows.filter((r) => Number(r.search) !== 1 || Number(r.audits) !== 1).length,
  };
}
