'use client';
// The deal editor's co-buyer and vehicle: the pickers show the deal's own until another is picked,
// and a pick sets the form's id (the patch carries only what changed). A vehicle another open deal
// holds is named with that deal, and taken only when the user says so (acknowledgeOpenDeals).
import { useState } from 'react';
import type { DealDeskFragment } from '../generated/graphql.ts';
import { errorAt } from './form-fields.tsx';
import type { DealForm } from './deal-editor-sections.tsx';
import {
  CoBuyerPicker,
  VehiclePicker,
  vehicleLabel,
  type PickedCustomer,
  type PickedVehicle,
} from './deal-pickers.tsx';

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
      ? { id: deal.vehicle.id, label: vehicleLabel(deal.vehicle), listPrice: null, heldBy: null }
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
          dealId={deal.id}
          value={vehicle}
          currentId={props.openedVehicleId}
          error={errorAt(form, 'vehicleId')}
          onPick={(v) => {
            setVehicle(v);
            pick('vehicleId', v.id);
            form.setValue('acknowledgeOpenDeals', false);
          }}
          acknowledge={
            <label>
              <input type="checkbox" {...form.register('acknowledgeOpenDeals')} /> Put this deal on
              it as well (a second deal on the same car)
            </label>
          }
          onUseListPrice={(price) =>
            form.setValue('sellingPrice', price, { shouldDirty: true, shouldValidate: true })
          }
        />
      </div>
    </>
  );
}
