'use client';
import { useQueryClient } from '@tanstack/react-query';
import {
  useDealQuery,
  useUpdateScenarioMutation,
  type DealDeskFragment,
} from '../generated/graphql.ts';
import { money } from '../lib/format.ts';
import { useDeskGrid } from '../lib/use-desk-grid.ts';
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
  const client = useQueryClient();
  const apply = useUpdateScenarioMutation({
    onSuccess: () => client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: deal.id }) }),
  });
  // A cell can become the selected finance scenario's terms (the server recomputes it).
  const target =
    deal.scenarios.find((s) => s.selected && s.finance) ?? deal.scenarios.find((s) => s.finance);
  const canApply = mayEdit && target;
  const finance = target?.finance;
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
            apr: g.axes.apr,
            termMonths,
            downPayment,
            firstPaymentDate: finance.firstPaymentDate,
          },
        },
      }),
    );
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
                  <td key={c.downPayment} className="num">
                    {canApply ? (
                      <button
                        type="button"
                        className="cell-btn"
                        title={`Use ${row.termMonths} months with ${money(c.downPayment)} down`}
                        disabled={apply.isPending}
                        onClick={() => use(row.termMonths, c.downPayment)}
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
