// @vitest-environment happy-dom
// The desk's payment grid before the calculator chunk is parsed: the server's grid for these very axes
// and this version of the deal is shown (and is, by definition, confirmed); nothing from another
// version or other axes is passed off as the deal's numbers.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useDealGridQuery, type DealDeskFragment } from '../src/generated/graphql.ts';
import { useDeskGrid } from '../src/lib/use-desk-grid.ts';

// The calculator has not arrived yet.
vi.mock('../src/lib/use-calc-engine.ts', () => ({ useCalcEngine: () => null }));

const deal = {
  id: 'd1',
  version: 4,
  scenarios: [
    {
      id: 's1',
      kind: 'FINANCE',
      selected: true,
      finance: { apr: '6.90', termMonths: 60, downPayment: '2000.00' },
    },
  ],
} as unknown as DealDeskFragment;

const rows = [36, 48, 60, 72].map((termMonths) => ({
  termMonths,
  cells: ['0', '2000', '2500', '5000'].map((d) => ({
    downPayment: `${d}.00`,
    amountFinanced: '20000.00',
    monthlyPayment: '500.00',
  })),
}));
const variables = {
  id: 'd1',
  terms: [36, 48, 60, 72],
  downPayments: ['0', '2000', '2500', '5000'],
  apr: '6.90',
};

function wrapper(version: number | null) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity } },
  });
  if (version !== null)
    client.setQueryData([...useDealGridQuery.getKey(variables), deal.version], {
      deal: { id: 'd1', version, paymentGrid: { apr: '6.90', rows } },
    });
  return ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client }, children);
}

describe('useDeskGrid before the calculator loads', () => {
  it("shows the server's grid for this version at once, confirmed", () => {
    const { result } = renderHook(() => useDeskGrid(deal), { wrapper: wrapper(4) });
    expect(result.current.ready).toBe(false);
    expect(result.current.outcome.rows).toEqual(rows);
    expect(result.current.confirmation).toBe('confirmed');
  });

  it('shows nothing from another version of the deal', () => {
    const { result } = renderHook(() => useDeskGrid(deal), { wrapper: wrapper(3) });
    expect(result.current.outcome).toEqual({ rows: [], error: 'Loading the calculator…' });
    expect(result.current.confirmation).toBe('pending');
  });
});
