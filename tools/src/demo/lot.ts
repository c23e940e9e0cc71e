// The demo lot: ~300 vehicles, new (franchise brands, current and next model year) and used (every
// pattern, older years), with prices, costs and in-stock dates spread so the aged-inventory views
// (60+ and 90+ days) have content. Make, model, trim, body and engine come from the VIN decoder.
import type { VehicleInput } from '@autolytiq/inventory';
import { EXTERIOR_COLORS, INTERIOR_COLORS, VIN_PATTERNS, optionsFor, vinFor } from './catalog.ts';
import { daysBefore, roundTo, type Random } from './random.ts';

export interface DemoVehicle {
  input: VehicleInput & { vin: string; stockNumber: string; year: number };
}

const money = (n: number) => n.toFixed(2);

/** Days on the lot: most cars sell within 45 days; a tail stays 60–150 days. */
function daysInStock(random: Random): number {
  return random.weighted([
    [random.int(0, 15), 30],
    [random.int(16, 45), 35],
    [random.int(46, 75), 17],
    [random.int(76, 110), 11],
    [random.int(111, 160), 7],
  ] as const);
}

function newVehicle(random: Random, today: string, index: number, serial: number): DemoVehicle {
  const pattern = random.pick(VIN_PATTERNS.filter((p) => p.franchise));
  const year = random.chance(0.7) ? 2026 : 2027;
  const msrp = roundTo(pattern.msrp * (year === 2027 ? 1.03 : 1) + random.int(0, 4000), 5);
  const invoice = roundTo(msrp * 0.935, 1);
  const holdback = roundTo(msrp * 0.02, 1);
  const days = daysInStock(random);
  // Aged new units carry a bigger discount off sticker.
  const discount = roundTo(random.int(0, 900) + (days > 60 ? 1500 : 0), 100);
  return {
    input: {
      vin: vinFor(pattern, year, serial),
      stockNumber: `N${26000 + index}`,
      year,
      condition: 'NEW',
      mileage: random.int(3, 30),
      msrp: money(msrp),
      invoice: money(invoice),
      cost: money(invoice - holdback),
      listPrice: money(msrp - discount),
      exteriorColor: random.pick(EXTERIOR_COLORS),
      interiorColor: random.pick(INTERIOR_COLORS),
      inStockDate: daysBefore(today, days),
      options: optionsFor(random),
    },
  };
}

function usedVehicle(random: Random, today: string, index: number, serial: number): DemoVehicle {
  const pattern = random.pick(VIN_PATTERNS);
  const year = random.pick(pattern.years.filter((y) => y <= 2025));
  const age = Math.max(1, 2026 - year);
  const mileage = roundTo(age * random.int(9000, 15000) + random.int(0, 999), 1);
  const originalMsrp = roundTo(pattern.msrp * (1 - 0.025 * (2025 - year)), 5);
  // Rough wholesale value: 15 % a year off the sticker, less for the miles over 12k a year.
  const value = originalMsrp * 0.85 ** age - Math.max(0, mileage - age * 12000) * 0.08;
  const cost = roundTo(Math.max(4000, value * random.next() * 0.1 + value * 0.82), 50);
  const days = daysInStock(random);
  const list = roundTo(cost * (1.12 + random.next() * 0.06) + 900, 100) - 5;
  return {
    input: {
      vin: vinFor(pattern, year, serial),
      stockNumber: `U${26000 + index}`,
      year,
      condition: random.chance(0.2) && age <= 4 ? 'CPO' : 'USED',
      mileage,
      msrp: money(originalMsrp),
      cost: money(cost),
      listPrice: money(list - (days > 60 ? 500 : 0)),
      exteriorColor: random.pick(EXTERIOR_COLORS),
      interiorColor: random.pick(INTERIOR_COLORS),
      inStockDate: daysBefore(today, days),
      options: optionsFor(random),
    },
  };
}

/** `count` vehicles with distinct VINs and stock numbers. */
export function demoLot(random: Random, today: string, count: number): DemoVehicle[] {
  const vins = new Set<string>();
  const lot: DemoVehicle[] = [];
  for (let i = 0; lot.length < count; i++) {
    const serial = random.int(100000, 999999);
    const v =
      i % 20 < 9 ? newVehicle(random, today, i, serial) : usedVehicle(random, today, i, serial);
    if (vins.has(v.input.vin)) continue;
    vins.add(v.input.vin);
    lot.push(v);
  }
  return lot;
}
