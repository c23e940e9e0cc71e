'use client';
// The lease four-square: monthly payment (with tax) and due at signing by term and cash down, from
// the server's Deal.leaseGrid (each cell is what a lease scenario with those terms would show). A
// cell changes only the lease scenario's term and cash down. The money factor and residual follow the
// scenario (after an edit the grid is at its new terms); the grid is asked again for every version of
// the deal, so it never shows numbers from before an edit. Loaded on demand: only lease deals need it.
import { useState } from 'react';
import { useDealLeaseGridQuery, type DealDeskFragment } from '../generated/graphql.ts';
import { parseDownPayments, parseTerms } from '../lib/desk.ts';
import { money } from '../lib/format.ts';
import { percentToRate, rateToPercent } from '../lib/numbers.ts';
import { useDealWrite } from '../lib/use-deal-write.ts';
import { useDebouncedValue } from '../lib/use-debounced-value.ts';
import { useFollowed } from '../lib/use-followed.ts';
import { ErrorBanner, Field } from './ui.tsx';

const DECIMAL = /^\d*\.?\d+$/;

/** `canApply` and `confirm` as for the payment grid. */
export function LeaseGrid({
  deal,
  canApply: mayEdit = false,
  confirm = (action) => action(),
}: {
  deal: DealDeskFragment;
  canApply?: boolean;
  confirm?: (action: () => void) => void;
}) {
  const target =
    deal.scenarios.find((s) => s.selected && s.lease) ?? deal.scenarios.find((s) => s.lease);
  const lease = target?.lease;
  const [moneyFactor, setMoneyFactor] = useFollowed(lease?.moneyFactor ?? '');
  // The residual box is a percentage of MSRP ("58"); the API takes the fraction.
  const [residualPercent, setResidualPercent] = useFollowed(
    lease?.residualRate ? rateToPercent(lease.residualRate) : '',
  );
  const residual = residualPercent.trim().replace(/\s*%$/, '');
  const [terms, setTerms] = useState(
    [...new Set([24, 36, 39, 48, lease?.termMonths ?? 36])].sort((a, b) => a - b).join(' '),
  );
  const [downs, setDowns] = useState(
    [...new Set(['0', String(Number(lease?.cashDown ?? '2000')), '3000'])].join(' '),
  );
  const axes = useDebouncedValue(
    {
      terms: parseTerms(terms),
      cashDowns: parseDownPayments(downs),
      // Left out, the server takes them from the lease scenario.
      moneyFactor: DECIMAL.test(moneyFactor.trim()) ? moneyFactor.trim() : null,
      residualRate:
        DECIMAL.test(residual) && Number(residual) <= 100 ? percentToRate(residual) : null,
    },
    300,
  );
  const variables = { id: deal.id, ...axes };
  const grid = useDealLeaseGridQuery(variables, {
    queryKey: [...useDealLeaseGridQuery.getKey(variables), deal.version],
    enabled: axes.terms.length > 0 && axes.cashDowns.length > 0,
    placeholderData: (previous) => previous,
  });
  const apply = useDealWrite(deal).updateScenario;
  const canApply = mayEdit && lease;
  // Numbers from an earlier version of the deal are shown dimmed until the new ones arrive.
  const current = grid.data?.deal?.version === deal.version && !grid.isPlaceholderData;
  const g = grid.data?.deal?.leaseGrid;
  const use = (termMonths: number, cashDown: string) =>
    target &&
    lease &&
    confirm(() =>
      apply.mutate({
        dealId: deal.id,
        version: deal.version,
        scenarioId: target.id,
        input: {
          kind: 'LEASE',
          name: target.name,
          select: target.selected,
          lease: {
            ...(lease.lender ? { lender: lease.lender } : {}),
            moneyFactor: lease.moneyFactor,
            ...(lease.residualRate
              ? { residualRate: lease.residualRate }
              : { residualValue: lease.residualValue }),
            termMonths,
            cashDown,
            milesPerYear: lease.milesPerYear,
            acquisitionFee: lease.acquisitionFee,
          },
        },
      }),
    );
  return (
    <section className="card" aria-label="Lease grid">
      <h2>Lease grid</h2>
      <div className="row no-print">
        <Field id="lg-mf" label="Money factor">
          <input
            id="lg-mf"
            value={moneyFactor}
            onChange={(e) => setMoneyFactor(e.target.value)}
            style={{ width: 100 }}
          />
        </Field>
        <Field id="lg-residual" label="Residual % of MSRP">
          <input
            id="lg-residual"
            value={residualPercent}
            placeholder="from the scenario"
            onChange={(e) => setResidualPercent(e.target.value)}
            style={{ width: 150 }}
          />
        </Field>
        <Field id="lg-terms" label="Terms (months)">
          <input id="lg-terms" value={terms} onChange={(e) => setTerms(e.target.value)} />
        </Field>
        <Field id="lg-downs" label="Cash down">
          <input id="lg-downs" value={downs} onChange={(e) => setDowns(e.target.value)} />
        </Field>
        {g ? (
          <span className="muted" data-testid="lease-grid-terms">
            APR equivalent {g.aprEquivalent}% · acquisition fee {money(g.acquisitionFee)}
            {g.milesPerYear ? ` · ${g.milesPerYear.toLocaleString('en-US')} mi/yr` : ''} · one
            residual for every term
          </span>
        ) : null}
      </div>
      <ErrorBanner error={grid.error} />
      <ErrorBanner error={apply.error} />
      {g ? (
        <table
          className="grid-table"
          aria-label="Lease payments by term and cash down"
          aria-busy={!current}
          data-current={current}
          style={current ? undefined : { opacity: 0.5 }}
        >
          <thead>
            <tr>
              <th>Term</th>
              {axes.cashDowns.map((d) => (
                <th key={d} className="num">
                  {money(d)} down
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.rows.map((row) => (
              <tr key={row.termMonths}>
                <th>{row.termMonths} mo</th>
                {row.cells.map((c) => {
                  const text = (
                    <>
                      {money(c.monthlyPayment)}
                      <br />
                      <small className="muted">{money(c.dueAtSigning)} at signing</small>
                    </>
                  );
                  return (
                    <td
                      key={c.cashDown}
                      className="num"
                      aria-current={
                        (lease?.termMonths === row.termMonths &&
                          Number(lease.cashDown) === Number(c.cashDown)) ||
                        undefined
                      }
                    >
                      {canApply ? (
                        <button
                          type="button"
                          className="cell-btn"
                          aria-label={`Lease ${row.termMonths} months with ${money(c.cashDown)} down: ${money(c.monthlyPayment)} a month, ${money(c.dueAtSigning)} at signing`}
                          disabled={apply.isPending || !current}
                          onClick={() => use(row.termMonths, c.cashDown)}
                        >
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
