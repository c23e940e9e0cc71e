'use client';
// The vehicle's fields, shared by the add page and the edit form (react-hook-form): identity, the
// vehicle, pricing (invoice and dealer cost only for users who may see them) and stock status.
import type { InputHTMLAttributes, ReactNode } from 'react';
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { fieldErrors } from '../lib/errors.ts';
import {
  CONDITION_LABELS,
  CONDITIONS,
  STATUS_LABELS,
  STATUSES,
  VEHICLE_LABELS,
  vehicleFieldOf,
  type VehicleField,
  type VehicleFormValues,
} from '../lib/vehicle-form.ts';
import { Field } from './ui.tsx';

type VehicleForm = UseFormReturn<VehicleFormValues>;

/** Puts server input errors on the form's fields (focus on the first); true when one landed. */
export function placeVehicleErrors(error: unknown, form: VehicleForm): boolean {
  let placed = false;
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = vehicleFieldOf(path);
    if (!field) continue;
    form.setError(
      field as FieldPath<VehicleFormValues>,
      { type: 'server', message },
      {
        shouldFocus: !placed,
      },
    );
    placed = true;
  }
  return placed;
}

export function VehicleFields(props: {
  form: VehicleForm;
  /** Invoice and dealer cost (inventory.write). */
  canSeeCost: boolean;
  idPrefix: string;
  autoFocusVin?: boolean;
  /** Shown under the VIN row (the add page's decode result). */
  afterIdentity?: ReactNode;
}) {
  const { form, idPrefix } = props;
  const { errors } = form.formState;
  const id = (name: VehicleField) => `${idPrefix}-${name}`;
  const input = (name: VehicleField, extra: InputHTMLAttributes<HTMLInputElement> = {}) => {
    const message = errors[name]?.message;
    return (
      <Field id={id(name)} label={VEHICLE_LABELS[name]} error={message}>
        <input
          id={id(name)}
          aria-invalid={!!message}
          aria-describedby={message ? `${id(name)}-error` : undefined}
          {...extra}
          {...form.register(name)}
        />
      </Field>
    );
  };
  const money = (name: VehicleField) => input(name, { inputMode: 'decimal', placeholder: '0.00' });
  const select = (name: 'condition' | 'status', options: ReactNode) => (
    <Field id={id(name)} label={VEHICLE_LABELS[name]} error={errors[name]?.message}>
      <select id={id(name)} aria-invalid={!!errors[name]} {...form.register(name)}>
        {options}
      </select>
    </Field>
  );
  return (
    <>
      <div className="grid3">
        {input('vin', { className: 'mono', autoFocus: props.autoFocusVin, maxLength: 17 })}
        {input('stockNumber')}
        {input('mileage', { inputMode: 'numeric' })}
      </div>
      {props.afterIdentity}
      <h3>Vehicle</h3>
      <div className="grid3">
        {input('year', { inputMode: 'numeric', maxLength: 4 })}
        {input('make')}
        {input('model')}
        {input('trim')}
        {input('body')}
        {input('drivetrain')}
        {input('engine')}
        {input('exteriorColor')}
        {input('interiorColor')}
        {select(
          'condition',
          CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {CONDITION_LABELS[c]}
            </option>
          )),
        )}
      </div>
      <h3>Pricing</h3>
      <p className="muted">MSRP is needed for leases (the residual is a share of MSRP).</p>
      <div className="grid3">
        {money('msrp')}
        {props.canSeeCost ? money('invoice') : null}
        {props.canSeeCost ? money('cost') : null}
        {money('listPrice')}
      </div>
      <h3>Stock</h3>
      <div className="grid3">
        {select(
          'status',
          STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          )),
        )}
        {input('inStockDate', { type: 'date' })}
      </div>
    </>
  );
}
