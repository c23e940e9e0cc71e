import type { VehicleFilter, VehicleStatus } from '../generated/graphql.ts';

export interface Filters {
  text: string;
  make: string;
  model: string;
  yearMin: string;
  yearMax: string;
  priceMin: string;
  priceMax: string;
  status: string;
  daysInStockMin: string;
}

export const EMPTY_FILTERS: Filters = {
  text: '',
  make: '',
  model: '',
  yearMin: '',
  yearMax: '',
  priceMin: '',
  priceMax: '',
  status: '',
  daysInStockMin: '',
};

/**
 * Form strings → the API filter; blank means "any". Amounts are read the way people type them
 * ("$30,000"); anything else typed is sent as is, so the server names the box it does not accept
 * instead of the filter being dropped without a word.
 */
export function toVehicleFilter(f: Filters): VehicleFilter {
  const int = (s: string) => {
    const t = s.trim().replace(/,/g, '');
    return t && Number.isInteger(Number(t)) ? Number(t) : undefined;
  };
  const dec = (s: string) => s.trim().replace(/[$,\s]/g, '') || undefined;
  return {
    text: f.text.trim() || undefined,
    make: f.make.trim() || undefined,
    model: f.model.trim() || undefined,
    yearMin: int(f.yearMin),
    yearMax: int(f.yearMax),
    priceMin: dec(f.priceMin),
    priceMax: dec(f.priceMax),
    status: f.status ? [f.status as VehicleStatus] : undefined,
    daysInStockMin: int(f.daysInStockMin),
  };
}
