'use client';
// Editing a vehicle (loaded on demand by the vehicle page, with react-hook-form and zod): only the
// changed fields are sent, with the version read (updateVehicle). Server input errors land on the
// field they name; a CONFLICT (someone else saved first) offers a reload.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import {
  useUpdateVehicleMutation,
  useVehicleCostsQuery,
  useVehicleQuery,
  useVehiclesQuery,
  type VehicleDetailFragment,
} from '../generated/graphql.ts';
import { isConflict } from '../lib/deal-status.ts';
import {
  editVehicleSchema,
  fromVehicle,
  toVehiclePatch,
  type VehicleFormValues,
  type VehiclePatch,
} from '../lib/vehicle-form.ts';
import { Button, ErrorBanner, Loading } from './ui.tsx';
import { placeVehicleErrors, VehicleFields } from './vehicle-form.tsx';

function SaveError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!error) return null;
  if (isConflict(error))
    return (
      <div className="banner-error row" role="alert" data-testid="vehicle-conflict">
        Someone else changed this vehicle — reload to see their changes.
        <Button type="button" onClick={onReload}>
          Reload
        </Button>
      </div>
    );
  return <ErrorBanner error={error} />;
}

export function VehicleEditor(props: {
  initial: VehicleFormValues;
  canSeeCost: boolean;
  busy: boolean;
  onSave: (patch: VehiclePatch) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { initial } = props;
  const [banner, setBanner] = useState<unknown>(null);
  const form = useForm<VehicleFormValues>({
    resolver: zodResolver(editVehicleSchema),
    defaultValues: initial,
  });
  // Keyboard first: the editor opens in the list price (the usual edit); Escape closes it.
  useEffect(() => form.setFocus('listPrice'), [form]);
  const submit = form.handleSubmit(async (values) => {
    setBanner(null);
    const patch = toVehiclePatch(values, initial, props.canSeeCost);
    if (Object.keys(patch).length === 0) return props.onCancel();
    try {
      await props.onSave(patch);
    } catch (e) {
      if (!placeVehicleErrors(e, form)) setBanner(e);
    }
  });
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => e.key === 'Escape' && props.onCancel();
  return (
    <form
      className="card"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label="Edit vehicle"
    >
      <h2>Edit vehicle</h2>
      <SaveError error={banner} onReload={props.onReload} />
      <VehicleFields form={form} canSeeCost={props.canSeeCost} idPrefix="ve" />
      <div className="row" style={{ marginTop: 16 }}>
        <Button type="submit" variant="primary" busy={props.busy || form.formState.isSubmitting}>
          Save changes
        </Button>
        <Button type="button" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** The editor once the dealer cost and invoice are known (for users who may see them). */
export function VehicleEditPanel(props: {
  vehicle: VehicleDetailFragment;
  canSeeCost: boolean;
  onClose: () => void;
}) {
  const { vehicle, canSeeCost } = props;
  const client = useQueryClient();
  const update = useUpdateVehicleMutation();
  const costs = useVehicleCostsQuery({ id: vehicle.id }, { enabled: canSeeCost });
  if (canSeeCost && costs.isPending) return <Loading />;
  if (canSeeCost && costs.error) return <ErrorBanner error={costs.error} />;
  const reload = async () => {
    update.reset();
    await Promise.all([
      client.invalidateQueries({ queryKey: useVehicleQuery.getKey({ id: vehicle.id }) }),
      client.invalidateQueries({ queryKey: useVehicleCostsQuery.getKey({ id: vehicle.id }) }),
    ]);
  };
  return (
    <VehicleEditor
      // A new version (saved, or reloaded after a conflict) starts the form again from it.
      key={`${vehicle.version}:${costs.data?.vehicle?.version ?? ''}`}
      initial={fromVehicle(vehicle, canSeeCost ? costs.data?.vehicle : null)}
      canSeeCost={canSeeCost}
      busy={update.isPending}
      onSave={async (patch) => {
        const saved = (
          await update.mutateAsync({
            input: { id: vehicle.id, version: vehicle.version, ...patch },
          })
        ).updateVehicle;
        const { invoice, cost, ...detail } = saved;
        client.setQueryData(useVehicleQuery.getKey({ id: vehicle.id }), { vehicle: detail });
        client.setQueryData(useVehicleCostsQuery.getKey({ id: vehicle.id }), {
          vehicle: { id: saved.id, version: saved.version, invoice, cost },
        });
        void client.invalidateQueries({ queryKey: useVehiclesQuery.getKey() });
        props.onClose();
      }}
      onCancel={props.onClose}
      onReload={() => void reload()}
    />
  );
}
