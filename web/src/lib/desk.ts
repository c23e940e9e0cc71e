// The desk's payment grid, computed in the browser with the same calc engine the deals service runs
// (so it updates on every keystroke with no round trip); the server's grid stays the one of record and
// is fetched to confirm. The deal → engine input mapping is calc's `dealEngineInput`, the one the
// deals service computes and stores scenarios with (no copy here to drift).
// The engine (with its ZIP → county index, ≈ 330 kB gzipped) is loaded after the page is interactive,
// so it is passed in rather than imported here.
import { Decimal } from 'decimal.js';
import type {
  dealEngineInput as engineDealInput,
  FinanceDealInput,
  paymentGrid as enginePaymentGrid,
  withLocalRates as engineWithLocalRates,
} from '@autolytiq/calc';
import type { DealDeskFragment, DealTransition } from '../generated/graphql.ts';

export type PaymentGridFn = typeof enginePaymentGrid;

/** What the grid needs of the (lazily loaded) engine. */
export interface GridEngine {
  paymentGrid: PaymentGridFn;
  dealEngineInput: typeof engineDealInput;
  withLocalRates: typeof engineWithLocalRates;
}

export interface GridCell {
  downPayment: string;
  amountFinanced: string;
  monthlyPayment: string;
}

export interface GridRow {
  termMonths: number;
  cells: GridCell[];
}

export interface GridAxes {
  apr: string;
  terms: number[];
  downPayments: string[];
}

/** "0, 1000, 2,500" → ["0", "1000"] … only well-formed money amounts, at most 6. */
export function parseDownPayments(text: string): string[] {
  return text
    .split(/[\s;]+|,(?!\d{3}(?:\D|$))/)
    .map((s) => s.replace(/[$,]/g, '').trim())
    .filter((s) => /^\d+(\.\d{1,2})?$/.test(s))
    .slice(0, 6);
}

export function parseTerms(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n >= 6 && n <= 96)
    .slice(0, 6);
}

/**
 * The engine input for a finance grid on this deal: calc's `dealEngineInput` — the one mapping the
 * deals service stores every scenario with — for a finance scenario at the grid's APR, with the
 * grid's axes in place of one term and down payment.
 */
export function financeGridInput(deal: DealDeskFragment, axes: GridAxes, engine: GridEngine) {
  const firstPaymentDate = deal.scenarios.find((s) => s.selected && s.finance)?.finance
    ?.firstPaymentDate;
  const mapped = engine.dealEngineInput(
    deal,
    {
      kind: 'FINANCE',
      finance: {
        apr: axes.apr,
        termMonths: axes.terms[0] ?? 60,
        downPayment: '0',
        firstPaymentDate: firstPaymentDate ?? null,
      },
    },
    // The dealership's own local rate the server computes every scenario and grid at.
    deal.localTaxRate,
  );
  const single = engine.withLocalRates(mapped) as FinanceDealInput;
  const { termMonths, downPayment, ...rest } = single;
  void termMonths;
  void downPayment;
  return {
    kind: 'FINANCE' as const,
    ...rest,
    terms: axes.terms,
    downPayments: axes.downPayments,
  };
}

export type GridOutcome = { rows: GridRow[]; error?: undefined } | { rows: []; error: string };

/** The grid, or the engine's complaint in words (e.g. a down payment larger than the price). */
export function computeGrid(
  deal: DealDeskFragment,
  axes: GridAxes,
  engine: GridEngine,
): GridOutcome {
  if (axes.terms.length === 0 || axes.downPayments.length === 0 || !/^\d+(\.\d+)?$/.test(axes.apr))
    return { rows: [], error: 'Enter an APR, at least one term and one down payment.' };
  try {
    const result = engine.paymentGrid(financeGridInput(deal, axes, engine));
    if (result.kind !== 'FINANCE') return { rows: [], error: 'Unexpected grid.' };
    return {
      rows: result.cells.map((row, i) => ({
        termMonths: axes.terms[i]!,
        cells: row.map((c) => ({
          downPayment: c.downPayment.toFixed(2),
          amountFinanced: c.amountFinanced.toFixed(2),
          monthlyPayment: c.monthlyPayment.toFixed(2),
        })),
      })),
    };
  } catch (error) {
    return { rows: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether the server's grid (of record) has the same payments as the browser's. */
export function sameGrid(
  local: GridRow[],
  server: Array<{ termMonths: number; cells: Array<{ monthlyPayment: string }> }>,
): boolean {
  if (local.length !== server.length) return false;
  return local.every(
    (row, i) =>
      row.termMonths === server[i]!.termMonths &&
      row.cells.length === server[i]!.cells.length &&
      row.cells.every((c, j) =>
        new Decimal(c.monthlyPayment).equals(server[i]!.cells[j]!.monthlyPayment),
      ),
  );
}

/** What each status move is called on its button (whether it is allowed is the server's word). */
export const ACTION_LABELS: Record<DealTransition, string> = {
  SUBMIT: 'Submit for approval',
  APPROVE: 'Approve',
  REJECT: 'Reject',
  REOPEN: 'Reopen',
  SEND_TO_FINANCE: 'Send to finance',
  CONTRACT: 'Mark contracted',
  DELIVER: 'Mark delivered',
  CANCEL: 'Cancel deal',
  UNWIND: 'Unwind sale',
};
