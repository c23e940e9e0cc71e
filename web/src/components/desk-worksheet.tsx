'use client';
// The first screen of the desk, on a tablet as on a desktop: price, trade, payment and gross, and a
// live what-if on price and trade — the payment of the selected finance terms, recomputed in the
// browser by the calc engine on every keystroke (the saved deal does not change until "Edit deal").
import { Decimal } from 'decimal.js';
import { useMemo } from 'react';
import { useDealGrossQuery, type DealDeskFragment } from '../generated/graphql.ts';
import { computeGrid } from '../lib/desk.ts';
import { money } from '../lib/format.ts';
import { cleanNumber } from '../lib/numbers.ts';
import { useCalcEngine } from '../lib/use-calc-engine.ts';
import { gridScenario } from '../lib/use-desk-grid.ts';
import { useFollowed } from '../lib/use-followed.ts';
import { Field } from './ui.tsx';

const AMOUNT = /^\d+(\.\d{1,2})?$/;
const sum = (values: string[]) => values.reduce((a, v) => a.plus(v), new Decimal(0));

export function DeskWorksheet({
  deal,
  canSeeGross,
}: {
  deal: DealDeskFragment;
  canSeeGross: boolean;
}) {
  const selected = deal.scenarios.find((s) => s.selected) ?? deal.scenarios[0];
  const allowance = sum(deal.tradeIns.map((t) => t.allowance));
  const payoff = sum(deal.tradeIns.map((t) => t.payoff));
  const [price, setPrice] = useFollowed(deal.sellingPrice);
  const [trade, setTrade] = useFollowed(allowance.toFixed(2));
  const whatIf = useWhatIf(deal, cleanNumber(price), cleanNumber(trade), payoff.toFixed(2));
  const gross = useDealGrossQuery(
    { id: deal.id },
    {
      enabled: canSeeGross,
      queryKey: [...useDealGrossQuery.getKey({ id: deal.id }), deal.version],
    },
  ).data?.deal?.grossProfit;
  const payment = selected?.monthlyPayment
    ? `${money(selected.monthlyPayment)}/mo`
    : selected
      ? `${money(selected.dueFromBuyer)} due`
      : '—';
  const tiles: Array<[string, string, string]> = [
    ['Price', money(deal.sellingPrice), 'ws-price'],
    ['Trade (net)', money(allowance.minus(payoff).toFixed(2)), 'ws-trade'],
    ['Payment', payment, 'ws-payment'],
    ...(canSeeGross
      ? [
          [
            'Front gross',
            gross ? (gross.frontGross == null ? 'unknown' : money(gross.frontGross)) : '…',
            'ws-gross',
          ] as [string, string, string],
        ]
      : []),
  ];
  return (
    <section className="card worksheet" aria-label="Worksheet">
      <dl className="worksheet-tiles">
        {tiles.map(([label, value, id]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={id}>{value}</dd>
          </div>
        ))}
      </dl>
      {whatIf.available ? (
        <div className="row no-print">
          <Field id="ws-price-input" label="What if price">
            <input
              id="ws-price-input"
              inputMode="decimal"
              value={price}
              onChange={(e) => setPrice(e.target.value)}
            />
          </Field>
          <Field id="ws-trade-input" label="What if trade allowance">
            <input
              id="ws-trade-input"
              inputMode="decimal"
              value={trade}
              onChange={(e) => setTrade(e.target.value)}
            />
          </Field>
          <p className="muted" data-testid="ws-what-if" aria-live="polite">
            {whatIf.text}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** The selected finance terms' payment at another price and trade allowance, in words. */
function useWhatIf(deal: DealDeskFragment, price: string, trade: string, payoff: string) {
  const engine = useCalcEngine();
  const finance = gridScenario(deal)?.finance;
  const text = useMemo(() => {
    if (!finance) return '';
    if (!AMOUNT.test(price) || !AMOUNT.test(trade))
      return 'Enter the price and trade allowance in dollars.';
    if (!engine) return 'Loading the calculator…';
    const first = deal.tradeIns[0];
    const tradeIns =
      Number(trade) > 0 || Number(payoff) > 0
        ? [{ ...(first ?? EMPTY_TRADE), allowance: trade, payoff }]
        : [];
    const outcome = computeGrid(
      { ...deal, sellingPrice: price, tradeIns },
      { apr: finance.apr, terms: [finance.termMonths], downPayments: [finance.downPayment] },
      engine,
    );
    const cell = outcome.rows[0]?.cells[0];
    if (!cell) return outcome.error ?? '';
    return `At ${money(price)} with ${money(trade)} for the trade: ${money(cell.monthlyPayment)}/mo (${finance.termMonths} mo at ${finance.apr}%, ${money(finance.downPayment)} down).`;
  }, [deal, engine, finance, price, trade, payoff]);
  return { available: !!finance, text };
}

const EMPTY_TRADE: DealDeskFragment['tradeIns'][number] = {
  id: 'what-if',
  vin: null,
  year: null,
  make: null,
  model: null,
  mileage: null,
  allowance: '0',
  actualCashValue: null,
  payoff: '0',
  lienholder: null,
  equity: '0',
};
