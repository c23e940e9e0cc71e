// The calc engine in the browser (the same code the deals service runs), loaded once after the page
// is interactive: with its ZIP → county index it is too big for the first load (until it is ready the
// desk's grid shows the server's numbers).
import { useEffect, useState } from 'react';
import type { GridEngine } from './desk.ts';

export type CalcEngine = GridEngine;

let loading: Promise<CalcEngine> | null = null;

export function useCalcEngine(): CalcEngine | null {
  const [engine, setEngine] = useState<CalcEngine | null>(null);
  useEffect(() => {
    let live = true;
    loading ??= import('@autolytiq/calc').then((m) => ({
      paymentGrid: m.paymentGrid,
      dealEngineInput: m.dealEngineInput,
      withLocalRates: m.withLocalRates,
    }));
    void loading.then((e) => {
      // When the browser can compute the grid itself (for the budgets' measurements).
      if (performance.getEntriesByName('autolytiq:calc-ready').length === 0)
        performance.mark('autolytiq:calc-ready');
      if (live) setEngine(e);
    });
    return () => void (live = false);
  }, []);
  return engine;
}
