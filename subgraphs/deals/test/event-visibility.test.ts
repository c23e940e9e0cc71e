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
});
