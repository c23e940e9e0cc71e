'use client';
import { useEffect } from 'react';
import { useDealWrite } from '../lib/use-deal-write.ts';
import type { DealDeskFragment } from '../generated/graphql.ts';
import { money } from '../lib/format.ts';
import { gridScenario, useDeskGrid } from '../lib/use-desk-grid.ts';
import { ErrorBanner, Field } from './ui.tsx';

/**
 * `canApply`: the caller may edit the deal in its status (a cell then becomes the finance terms);
 * `confirm` runs the change, after the "send back for approval" confirmation where one is due.
 */
export function PaymentGrid({
  deal,
  canApply: mayEdit = false,
  confirm = (action) => action(),
}: {
  deal: DealDeskFragment;
  canApply?: boolean;
  confirm?: (action: () => void) => void;
}) {
  const g = useDeskGrid(deal);
  // The first time the grid has numbers, for the navigation → grid budget (Performance API).
  const hasRows = g.outcome.rows.length > 0;
  useEffect(() => {
    if (hasRows && performance.getEntriesByName('autolytiq:grid-numbers').length === 0)
      performance.mark('autolytiq:grid-numbers');
  }, [hasRows]);
  // The answer is the deal as it now is: it replaces the cached deal and the grids are asked again.
  const apply = useDealWrite(deal).updateScenario;
  const target = gridScenario(deal);
  const canApply = mayEdit && target;
  const finance = target?.finance;
  // A what-if rate typed here only explores: a cell changes term and down payment, nothing else.
  const whatIf = finance && g.axes.apr !== '' && !sameRate(g.axes.apr, finance.apr);
  const use = (termMonths: number, downPayment: string) =>
    target &&
    finance &&
    confirm(() =>
      apply.mutate({
        dealId: deal.id,
        version: deal.version,
        scenarioId: target.id,
        input: {
          kind: 'FINANCE',
          name: target.name,
          select: target.selected,
          finance: {
            lender: finance.lender,
            // The rate as the scenario holds it: a buy rate keeps its markup.
            ...(finance.buyRate
              ? { buyRate: finance.buyRate, rateMarkup: finance.rateMarkup ?? '0' }
              : { apr: finance.apr }),
            termMonths,
            downPayment,
            firstPaymentDate: finance.firstPaymentDate,
          },
        },
      }),
    );
  const current = (termMonths: number, downPayment: string) =>
    !!finance &&
    finance.termMonths === termMonths &&
    Number(finance.downPayment) === Number(downPayment);
  return (
    <section className="card" aria-label="Payment grid">
      <h2>Payment grid</h2>
      <div className="row no-print">
        <Field id="g-apr" label="APR %">
          <input
            id="g-apr"
            value={g.apr}
            onChange={(e) => g.setApr(e.target.value)}
            style={{ width: 80 }}
          />
        </Field>
        <Field id="g-terms" label="Terms (months)">
          <input id="g-terms" value={g.terms} onChange={(e) => g.setTerms(e.target.value)} />
        </Field>
        <Field id="g-downs" label="Down payments">
          <input id="g-downs" value={g.downs} onChange={(e) => g.setDowns(e.target.value)} />
        </Field>
        <span className="muted" data-testid="grid-status" data-compute-ms={g.computeMs.toFixed(3)}>
          {g.confirmation === 'confirmed'
            ? '✓ Confirmed by the server'
            : g.confirmation === 'differs'
              ? '⚠ The server computed different payments: the server’s are of record.'
              : 'Checking with the server…'}
        </span>
      </div>
      {whatIf ? (
        <p className="muted" data-testid="grid-what-if">
          What-if at {g.axes.apr}%: a cell sets only the term and down payment; the scenario stays
          at {finance.apr}%.
        </p>
      ) : null}
      {g.outcome.error ? <div className="banner-warn">{g.outcome.error}</div> : null}
      <ErrorBanner error={g.serverError} />
      <ErrorBanner error={apply.error} />
      {g.outcome.rows.length > 0 ? (
        <table className="grid-table" aria-label="Payments by term and down payment">
          <thead>
            <tr>
              <th>Term</th>
              {g.axes.downPayments.map((d) => (
                <th key={d} className="num">
                  {money(d)} down
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {g.outcome.rows.map((row) => (
              <tr key={row.termMonths}>
                <th>{row.termMonths} mo</th>
                {row.cells.map((c) => (
                  <td
                    key={c.downPayment}
                    className="num"
                    aria-current={current(row.termMonths, c.downPayment) || undefined}
                  >
                    {canApply ? (
                      <button
                        type="button"
                        className="cell-btn"
                        title={`Use ${row.termMonths} months with ${money(c.downPayment)} down`}
                        // Not `disabled` while saving: that would drop the keyboard focus.
                        aria-disabled={apply.isPending || undefined}
                        onClick={() => !apply.isPending && use(row.termMonths, c.downPayment)}
                      >
                        {money(c.monthlyPayment)}
                      </button>
                    ) : (
                      money(c.monthlyPayment)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const sameRate = (a: string, b: string) => /^\d+(\.\d+)?$/.test(a) && Number(a) === Number(b);
