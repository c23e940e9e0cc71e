// The inventory filter boxes → the API filter: amounts as people type them; nothing typed is dropped
// without a word (the server names the box it refuses).
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, toVehicleFilter } from '../src/lib/vehicle-filter.ts';

describe('toVehicleFilter', () => {
  it('reads "$30,000" and "25,000" as amounts, "2,020" as a number; blank is any', () => {
    expect(
      toVehicleFilter({
        ...EMPTY_FILTERS,
        priceMin: '$30,000',
        priceMax: ' 45,000.50 ',
        yearMin: '2019',
      }),
    ).toMatchObject({ priceMin: '30000', priceMax: '45000.50', yearMin: 2019 });
    expect(toVehicleFilter(EMPTY_FILTERS)).toEqual({
      text: undefined,
      make: undefined,
      model: undefined,
      yearMin: undefined,
      yearMax: undefined,
      priceMin: undefined,
      priceMax: undefined,
      status: undefined,
      daysInStockMin: undefined,
    });
  });

  it('sends a price it cannot read, so the server can say which box is wrong', () => {
    expect(toVehicleFilter({ ...EMPTY_FILTERS, priceMax: 'thirty' }).priceMax).toBe('thirty');
  });
});
