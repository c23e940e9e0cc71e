// The desk's grid state: what the user typed, the grid computed in the browser on every keystroke
// (timed), and the server's grid for the same axes (debounced) to confirm it.
import { useEffect, useMemo, useState } from 'react';
import { useDealGridQuery, type DealDeskFragment } from '../generated/graphql.ts';
import {
  computeGrid,
  parseDownPayments,
  parseTerms,
  sameGrid,
  type GridOutcome,
  type PaymentGridFn,
} from './desk.ts';
import { useDebouncedValue } from './use-debounced-value.ts';

export function useDeskGrid(deal: DealDeskFragment) {
  const finance = (
    deal.scenarios.find((s) => s.selected && s.finance) ?? deal.scenarios.find((s) => s.finance)
  )?.finance;
  const [apr, setApr] = useState(finance?.apr ?? '6.9');
  const [terms, setTerms] = useState('36 48 60 72');
  const [downs, setDowns] = useState(
    [
      ...new Set(
        ['0', finance?.downPayment ?? '1000', '2500', '5000'].map((d) => String(Number(d))),
      ),
    ].join(' '),
  );
  const axes = useMemo(
    () => ({ apr: apr.trim(), terms: parseTerms(terms), downPayments: parseDownPayments(downs) }),
    [apr, terms, downs],
  );
  const [engine, setEngine] = useState<{ paymentGrid: PaymentGridFn } | null>(null);
  useEffect(() => {
    let live = true;
    void import('@autolytiq/calc').then((m) => live && setEngine({ paymentGrid: m.paymentGrid }));
    return () => void (live = false);
  }, []);
  const { outcome, computeMs } = useMemo(() => {
    if (!engine)
      return {
        outcome: { rows: [], error: 'Loading the calculator…' } as GridOutcome,
        computeMs: 0,
      };
    const started = performance.now();
    const outcome = computeGrid(deal, axes, engine.paymentGrid);
    return { outcome, computeMs: performance.now() - started };
  }, [deal, axes, engine]);
  const settled = useDebouncedValue(axes, 400);
  const server = useDealGridQuery(
    { id: deal.id, terms: settled.terms, downPayments: settled.downPayments, apr: settled.apr },
    {
      enabled:
        settled.terms.length > 0 &&
        settled.downPayments.length > 0 &&
        /^\d+(\.\d+)?$/.test(settled.apr),
      placeholderData: (previous) => previous,
    },
  );
  const serverRows = server.data?.deal?.paymentGrid.rows;
  const confirmation =
    outcome.error || settled !== axes || server.isFetching || !serverRows
      ? 'pending'
      : sameGrid(outcome.rows, serverRows)
        ? 'confirmed'
        : 'differs';
  return {
    apr,
    setApr,
    terms,
    setTerms,
    downs,
    setDowns,
    axes,
    outcome,
    computeMs,
    ready: engine !== null,
    confirmation: confirmation as 'pending' | 'confirmed' | 'differs',
    serverError: server.error,
  };
}
