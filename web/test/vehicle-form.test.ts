// The vehicle form ↔ API input translation: adding (by VIN or typed), editing (only what changed,
// money as decimal strings), cost visibility, and server field paths back to form fields.
import { describe, expect, it } from 'vitest';
import type { VehicleDetailFragment } from '../src/generated/graphql.ts';
import { ApiError, fieldErrors } from '../src/lib/errors.ts';
import {
  addVehicleSchema,
  canonicalMoney,
  editVehicleSchema,
  EMPTY_VEHICLE,
  fromVehicle,
  toAddInput,
  toManualAddInput,
  toVehiclePatch,
  vehicleFieldOf,
  type VehicleFormValues,
} from '../src/lib/vehicle-form.ts';

const VIN = 'KM8K2CAB4PU001140';
const vehicle: VehicleDetailFragment = {
  id: 'v1',
  vin: VIN,
  stockNumber: 'W1001',
  year: 2023,
  make: 'Hyundai',
  model: 'Kona',
  trim: 'SEL',
  body: null,
  drivetrain: 'FWD',
  engine: null,
  exteriorColor: 'Blue',
  interiorColor: null,
  mileage: 84000,
  condition: 'USED',
  listPrice: '21995.00',
  msrp: '26500.00',
  status: 'AVAILABLE',
  daysInStock: 3,
  inStockDate: '2026-11-23',
  photos: [],
  options: [],
  createdAt: '2026-11-23T10:00:00Z',
  updatedAt: '2026-11-23T10:00:00Z',
  version: 4,
};
const costs = { invoice: '24100.00', cost: '18250.50' };

describe('adding a vehicle', () => {
  const typed: VehicleFormValues = {
    ...EMPTY_VEHICLE,
    vin: ` ${VIN.toLowerCase()} `,
    stockNumber: ' W1001 ',
    mileage: '84,000',
    msrp: '$26,500',
    invoice: '24100',
    cost: '18250.5',
    listPrice: '21995.00',
    status: 'IN_TRANSIT',
    inStockDate: '2026-12-01',
    interiorColor: 'Black',
  };

  it('sends what was typed, money as two-place decimal strings, blanks left to the decode', () => {
    expect(toAddInput(typed, true)).toEqual({
      vin: VIN,
      stockNumber: 'W1001',
      mileage: 84000,
      condition: 'USED',
      status: 'IN_TRANSIT',
      interiorColor: 'Black',
      inStockDate: '2026-12-01',
      msrp: '26500.00',
      invoice: '24100.00',
      cost: '18250.50',
      listPrice: '21995.00',
    });
  });

  it('never sends invoice or dealer cost without inventory.write', () => {
    const input = toAddInput(typed, false);
    expect(input).not.toHaveProperty('invoice');
    expect(input).not.toHaveProperty('cost');
    expect(input.msrp).toBe('26500.00');
  });

  it('a VIN the decode does not know needs year, make and model typed', () => {
    const missing = toManualAddInput(typed, true);
    expect(missing).toEqual({
      missing: {
        year: expect.stringMatching(/model year/),
        make: expect.stringMatching(/make/),
        model: expect.stringMatching(/model/),
      },
    });
    const full = toManualAddInput(
      { ...typed, year: '2019', make: 'Motor Coach', model: 'J4500' },
      true,
    );
    expect(full).toMatchObject({
      input: { vin: VIN, year: 2019, make: 'Motor Coach', model: 'J4500', cost: '18250.50' },
    });
  });

  it('checks format in the form (money, miles, VIN), ranges are left to the server', () => {
    const bad = addVehicleSchema.safeParse({
      ...typed,
      msrp: '26,500.999',
      mileage: '-5',
      vin: 'KM8K2CAB4PU00114O',
      cost: 'free',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['cost', 'mileage', 'msrp', 'vin']);
    // A huge mileage passes here: the server refuses it and names the field.
    expect(addVehicleSchema.safeParse({ ...typed, mileage: '3000000' }).success).toBe(true);
    expect(addVehicleSchema.safeParse(typed).success).toBe(true);
  });
});

describe('editing a vehicle', () => {
  const initial = fromVehicle(vehicle, costs);

  it('starts from the vehicle, costs only when given', () => {
    expect(initial).toMatchObject({
      year: '2023',
      mileage: '84000',
      trim: 'SEL',
      body: '',
      msrp: '26500.00',
      invoice: '24100.00',
      cost: '18250.50',
      inStockDate: '2026-11-23',
    });
    expect(fromVehicle(vehicle).cost).toBe('');
    expect(editVehicleSchema.safeParse(initial).success).toBe(true);
  });

  it('sends nothing when nothing changed (the same amount typed differently is unchanged)', () => {
    expect(toVehiclePatch({ ...initial }, initial, true)).toEqual({});
    expect(
      toVehiclePatch(
        { ...initial, listPrice: '21,995', msrp: '$26500.0', mileage: '84,000', make: ' Hyundai ' },
        initial,
        true,
      ),
    ).toEqual({});
  });

  it('sends only the changed fields: a price drop, miles, cost after reconditioning, status', () => {
    const patch = toVehiclePatch(
      {
        ...initial,
        listPrice: '20995',
        mileage: '84210',
        cost: '18900.75',
        status: 'ON_HOLD',
        trim: '',
        body: 'SUV',
      },
      initial,
      true,
    );
    expect(patch).toEqual({
      listPrice: '20995.00',
      mileage: 84210,
      cost: '18900.75',
      status: 'ON_HOLD',
      trim: null,
      body: 'SUV',
    });
  });

  it('a cleared amount is sent as null; cost is never sent without inventory.write', () => {
    expect(toVehiclePatch({ ...initial, msrp: '' }, initial, true)).toEqual({ msrp: null });
    const withoutCost = fromVehicle(vehicle);
    expect(
      toVehiclePatch({ ...withoutCost, cost: '1.00', invoice: '2' }, withoutCost, false),
    ).toEqual({});
  });

  it('requires the identity when editing', () => {
    const bad = editVehicleSchema.safeParse({ ...initial, make: ' ', year: '', inStockDate: '' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path[0]).sort()).toEqual(['inStockDate', 'make', 'year']);
  });

  it('keeps amounts exact (no float rounding)', () => {
    expect(canonicalMoney('9999999999.99')).toBe('9999999999.99');
    expect(canonicalMoney('0.1')).toBe('0.10');
    expect(canonicalMoney(' ')).toBeNull();
    expect(() => canonicalMoney('1.234')).toThrow();
  });
});

describe('server errors on vehicle fields', () => {
  it('maps the API path to the field the form shows', () => {
    const error = new ApiError(
      [
        {
          message: 'Mileage must be a whole number from 0 to 2,000,000.',
          extensions: { code: 'BAD_USER_INPUT', field: 'input.mileage' },
        },
        { message: 'Bad photo.', extensions: { code: 'BAD_USER_INPUT', field: 'input.photos.0' } },
      ],
      400,
    );
    const byPath = fieldErrors(error);
    expect(vehicleFieldOf(Object.keys(byPath)[0]!)).toBe('mileage');
    expect(vehicleFieldOf('photos.0')).toBeUndefined();
    expect(vehicleFieldOf('cost')).toBe('cost');
    expect(vehicleFieldOf('toString')).toBeUndefined();
  });
});
