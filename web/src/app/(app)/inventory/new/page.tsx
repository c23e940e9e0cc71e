'use client';
// Adding a vehicle by hand: the VIN decode fills in year, make, model, trim, body, drivetrain and
// engine (addVehicleByVin); a VIN the decode database does not know is added with the details typed
// (addVehicle). Pricing (MSRP, list price; invoice and dealer cost for inventory.write), status and
// in-stock date are entered here too. Server input errors land on the field they name.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { Button, ErrorBanner } from '../../../../components/ui.tsx';
import { placeVehicleErrors, VehicleFields } from '../../../../components/vehicle-form.tsx';
import {
  useAddVehicleByVinMutation,
  useAddVehicleMutation,
  useDecodeVinQuery,
  useVehiclesQuery,
} from '../../../../generated/graphql.ts';
import { hasPermission, useSession } from '../../../../lib/session.ts';
import {
  addVehicleSchema,
  DECODED_FIELDS,
  EMPTY_VEHICLE,
  toAddInput,
  toManualAddInput,
  type VehicleFormValues,
} from '../../../../lib/vehicle-form.ts';

export default function AddVehiclePage() {
  const router = useRouter();
  const client = useQueryClient();
  const canSeeCost = hasPermission(useSession(), 'inventory.write');
  const addByVin = useAddVehicleByVinMutation();
  const addManual = useAddVehicleMutation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<VehicleFormValues>({
    resolver: zodResolver(addVehicleSchema),
    defaultValues: EMPTY_VEHICLE,
  });
  const vin = form.watch('vin').trim().toUpperCase();
  const decode = useDecodeVinQuery({ vin }, { enabled: vin.length === 17 });
  const result = decode.data?.decodeVin;
  useEffect(() => {
    // A partial decode fills only what the VIN itself says (year, make); the rest stays null.
    if (!result?.decoded && !result?.partial) return;
    for (const key of DECODED_FIELDS) {
      const value = result[key];
      if (value != null) form.setValue(key, String(value), { shouldDirty: true });
    }
  }, [result, form]);
  // A valid VIN the decode database does not know: the dealer types the details (addVehicle).
  const unknownVin = result?.check.valid === true && !result.decoded;

  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      let id: string;
      if (unknownVin) {
        const manual = toManualAddInput(v, canSeeCost);
        if ('missing' in manual) {
          let first = true;
          for (const [field, message] of Object.entries(manual.missing)) {
            form.setError(
              field as FieldPath<VehicleFormValues>,
              { type: 'required', message },
              {
                shouldFocus: first,
              },
            );
            first = false;
          }
          return;
        }
        id = (await addManual.mutateAsync({ input: manual.input })).addVehicle.id;
      } else {
        id = (await addByVin.mutateAsync({ input: toAddInput(v, canSeeCost) })).addVehicleByVin.id;
      }
      await client.invalidateQueries({ queryKey: useVehiclesQuery.getKey() });
      router.push(`/inventory/${id}`);
    } catch (e) {
      if (!placeVehicleErrors(e, form)) setError(e);
    }
  });
  const { isSubmitting } = form.formState;
  return (
    <>
      <h1>Add a vehicle</h1>
      <form className="card" onSubmit={submit} noValidate aria-label="Add vehicle">
        <ErrorBanner error={error} />
        <VehicleFields
          form={form}
          canSeeCost={canSeeCost}
          idPrefix="v"
          autoFocusVin
          afterIdentity={
            <div aria-live="polite" style={{ margin: '12px 0' }}>
              {decode.isFetching ? <span className="muted">Decoding…</span> : null}
              {result && !result.check.valid ? (
                <div className="banner-error">
                  This VIN is not valid: {result.check.problems.join(' ')}
                </div>
              ) : null}
              {result?.decoded ? (
                <div className="banner-ok" data-testid="vin-decoded">
                  Decoded: {result.year} {result.make} {result.model} {result.trim ?? ''}
                  {result.engine ? ` · ${result.engine}` : ''}
                </div>
              ) : null}
              {unknownVin ? (
                <div className="banner-warn" data-testid="vin-unknown">
                  {result.partial
                    ? `Not found in the VIN database. The VIN itself says: ${[result.year, result.check.manufacturer].filter(Boolean).join(' ')} (partial decode) — check the year and make, enter the model.`
                    : 'Not found in the VIN database: enter the year, make and model.'}
                </div>
              ) : null}
              <ErrorBanner error={decode.error} />
            </div>
          }
        />
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={isSubmitting}>
          Add vehicle
        </Button>
      </form>
    </>
  );
}
