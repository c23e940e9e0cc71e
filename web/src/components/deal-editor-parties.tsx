'use client';
// The deal editor's co-buyer and vehicle: the pickers show the deal's own until another is picked,
// and a pick sets the form's id (the patch carries only what changed).
import { useState } from 'react';
import type { DealDeskFragment } from '../generated/graphql.ts';
import { errorAt } from './form-fields.tsx';
import type { DealForm } from './deal-editor-sections.tsx';
import {
  CoBuyerPicker,
  VehiclePicker,
  type PickedCustomer,
  type PickedVehicle,
} from './deal-pickers.tsx';

/** "2023 Hyundai Kona SEL · stock A1001": how a picker names a vehicle. */
export function vehicleLabel(v: {
  year: number;
  make: string;
  model: string;
  trim?: string | null;
  stockNumber: string;
}) {
  return `${v.year} ${v.make} ${v.model}${v.trim ? ` ${v.trim}` : ''} · stock ${v.stockNumber}`;
}

export function PartiesSection(props: {
  form: DealForm;
  deal: DealDeskFragment;
  /** The deal's vehicle when the editor opened (left out of the picker's results). */
  openedVehicleId: string;
}) {
  const { form, deal } = props;
  const [coBuyer, setCoBuyer] = useState<PickedCustomer | null>(
    deal.coBuyer ? { id: deal.coBuyer.id, name: deal.coBuyer.displayName } : null,
  );
  const [vehicle, setVehicle] = useState<PickedVehicle | null>(
    deal.vehicle
      ? { id: deal.vehicle.id, label: vehicleLabel(deal.vehicle), listPrice: null }
      : null,
  );
  const pick = (name: 'coBuyerId' | 'vehicleId', id: string) =>
    form.setValue(name, id, { shouldDirty: true, shouldValidate: true });
  return (
    <>
      <h3>Co-buyer and vehicle</h3>
      <div className="grid2">
        <CoBuyerPicker
          buyerId={deal.buyer?.id}
          value={coBuyer}
          error={errorAt(form, 'coBuyerId')}
          onPick={(c) => (setCoBuyer(c), pick('coBuyerId', c?.id ?? ''))}
        />
        <VehiclePicker
          value={vehicle}
          currentId={props.openedVehicleId}
          error={errorAt(form, 'vehicleId')}
          onPick={(v) => (setVehicle(v), pick('vehicleId', v.id))}
          onUseListPrice={(price) =>
            form.setValue('sellingPrice', price, { shouldDirty: true, shouldValidate: true })
          }
        />
      </div>
    </>
  );
}
