import { describe, expect, it } from 'vitest';
import { changesWithoutCosts } from '../src/domain/event-visibility.ts';

const gap = (cost: string | null, price = '895') =>
  JSON.stringify([{ id: 'p1', kind: 'GAP', name: 'GAP', price, cost }]);

describe('changesWithoutCosts', () => {
  it('drops cost-only fields and strips product costs', () => {
    const out = changesWithoutCosts([
      { field: 'vehicleCost', from: null, to: '"21000"' },
      { field: 'reconditioning', from: '"0"', to: '"850"' },
      { field: 'sellingPrice', from: '"25000"', to: '"24500"' },
      { field: 'products', from: gap('300', '795'), to: gap('310') },
    ]);
    expect(out).toEqual([
      { field: 'sellingPrice', from: '"25000"', to: '"24500"' },
      {
        field: 'products',
        from: JSON.stringify([{ id: 'p1', kind: 'GAP', name: 'GAP', price: '795' }]),
        to: JSON.stringify([{ id: 'p1', kind: 'GAP', name: 'GAP', price: '895' }]),
      },
    ]);
  });

  it("keeps a created deal's scenario entries, whose value is the scenario id (not JSON)", () => {
    const created = [
      { field: 'scenario.FINANCE', from: null, to: '6f1c0c4e-2b7e-4a57-9a43-8d3f1c2b9e10' },
    ];
    expect(changesWithoutCosts(created)).toEqual(created);
  });

  it('leaves out a product edit that changed only the cost', () => {
    expect(changesWithoutCosts([{ field: 'products', from: gap('300'), to: gap('310') }])).toEqual(
      [],
    );
  });

  it('keeps a product list added or removed whole', () => {
    expect(changesWithoutCosts([{ field: 'products', from: null, to: gap('310') }])).toEqual([
      { field: 'products', from: null, to: gap(null).replace(',"cost":null', '') },
    ]);
  });

  it("strips a finance scenario's buy rate and markup, which give the reserve away (issue 12)", () => {
    const scenario = (buyRate: string, apr: string) =>
      JSON.stringify({
        kind: 'FINANCE',
        name: null,
        selected: true,
        terms: { apr, buyRate, rateMarkup: String(Number(apr) - Number(buyRate)), termMonths: 72 },
      });
    const out = changesWithoutCosts([
      { field: 'scenario.s1', from: scenario('5.9', '6.9'), to: scenario('5.9', '7.9') },
      { field: 'scenario.s2', from: scenario('5.9', '6.9'), to: scenario('4.9', '6.9') },
    ]);
    expect(out).toHaveLength(1); // only the buy rate changed in s2: nothing visible changed
    expect(out[0]!.to).toBe(
      JSON.stringify({
        kind: 'FINANCE',
        name: null,
        selected: true,
        terms: { apr: '7.9', termMonths: 72 },
      }),
    );
  });
});
