// The desk's grid state: what the user typed, the grid computed in the browser on every keystroke
// (timed), and the server's grid for the same axes and the same version of the deal (debounced) to
// confirm it — and to show at once while the calculator still loads. The APR follows the selected finance scenario: after an edit of its terms the grid is at
// the new rate, never at the one the page opened with.
import { useMemo, useState } from 'react';
import { useDealGridQuery, type DealDeskFragment } from '../generated/graphql.ts';
import { computeGrid, parseDownPayments, parseTerms, sameGrid, type GridOutcome } from './desk.ts';
import { useCalcEngine } from './use-calc-engine.ts';
import { useDebouncedValue } from './use-debounced-value.ts';
import { useFollowed } from './use-followed.ts';

/** The finance scenario a grid cell applies to: the selected one, else the first. */
export function gridScenario(deal: DealDeskFragment) {
  return (
    deal.scenarios.find((s) => s.selected && s.finance) ?? deal.scenarios.find((s) => s.finance)
  );
}

export type Confirmation = 'pending' | 'confirmed' | 'differs';

export function useDeskGrid(deal: DealDeskFragment) {
  const finance = gridScenario(deal)?.finance;
  const [apr, setApr] = useFollowed(finance?.apr ?? '6.9');
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
  const engine = useCalcEngine();
  const settled = useDebouncedValue(axes, 400);
  const variables = {
    id: deal.id,
    terms: settled.terms,
    downPayments: settled.downPayments,
    apr: settled.apr,
  };
  const server = useDealGridQuery(variables, {
    // The deal's version is part of the key: an edit asks the server again.
    queryKey: [...useDealGridQuery.getKey(variables), deal.version],
    enabled:
      settled.terms.length > 0 &&
      settled.downPayments.length > 0 &&
      /^\d+(\.\d+)?$/.test(settled.apr),
    placeholderData: (previous) => previous,
  });
  const answer = server.data?.deal;
  const serverRows = answer?.paymentGrid.rows;
  // Until the calculator (a large chunk, parsed slowly on a tablet) is ready, the grid shows the
  // server's answer for these very axes and this version: the numbers come as soon as the server
  // has them, and are the server's own. Then every keystroke is computed in the browser.
  const serverNow =
    !engine && settled === axes && answer?.version === deal.version && !server.isPlaceholderData
      ? serverRows
      : undefined;
  const { outcome, computeMs } = useMemo(() => {
    if (!engine)
      return {
        outcome: (serverNow
          ? { rows: serverNow }
          : { rows: [], error: 'Loading the calculator…' }) as GridOutcome,
        computeMs: 0,
      };
    const started = performance.now();
    const outcome = computeGrid(deal, axes, engine);
    return { outcome, computeMs: performance.now() - started };
  }, [deal, axes, engine, serverNow]);
  // Confirmed only by an answer for these very axes and this version of the deal.
  const confirmation: Confirmation =
    outcome.error ||
    settled !== axes ||
    server.isFetching ||
    server.isPlaceholderData ||
    answer?.version !== deal.version ||
    !serverRows
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
    confirmation,
    serverError: server.error,
  };
}
