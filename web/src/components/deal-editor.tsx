'use client';
// The desk's deal editor (loaded on demand, with react-hook-form and zod): one updateDeal for the
// price structure, tax place and fees, deal date, co-buyer, vehicle, salesperson and sales manager,
// trade-ins, rebates and F&I
// products. The sections are their own components (deal-editor-sections, deal-editor-parties); this
// file owns the save: server input errors land on the field they name, a CONFLICT keeps the typed
// values and offers to re-apply them on the new version, and edits that send the deal back for
// approval are confirmed first.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useForm } from 'react-hook-form';
import { useDealProductCostsQuery, type DealDeskFragment } from '../generated/graphql.ts';
import type { useDealWrite } from '../lib/use-deal-write.ts';
import {
  dealFieldOf,
  dealFormSchema,
  fromDeal,
  toDealPatch,
  type DealFormValues,
} from '../lib/deal-edit.ts';
import { isConflict } from '../lib/deal-status.ts';
import { ConflictBox, type OpenedAt } from './deal-conflict.tsx';
import { PartiesSection } from './deal-editor-parties.tsx';
import { PeopleSection } from './deal-editor-people.tsx';
import {
  PriceSection,
  ProductsSection,
  RebatesSection,
  TaxFeesSection,
  TradeInsSection,
} from './deal-editor-sections.tsx';
import { EditError, useResubmitGuard } from './deal-guard.tsx';
import { placeErrors } from './form-fields.tsx';
import { Button, Loading } from './ui.tsx';

export interface DealEditorProps {
  deal: DealDeskFragment;
  initial: DealFormValues;
  canSeeGross: boolean;
  busy: boolean;
  error: unknown;
  /** Saves the patch on `version`: the one the form opened on, or the new one the user chose. */
  onSave: (patch: ReturnType<typeof toDealPatch>, version: number) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}

/** The save: patch of what changed since opening, on the base version; errors to fields or banner. */
function useDealSave(props: DealEditorProps) {
  // What the form opened with: the patch is what the user changed from it, on whatever version.
  const [initial] = useState(props.initial);
  const [opened] = useState<OpenedAt>({
    version: props.deal.version,
    updatedAt: props.deal.updatedAt,
  });
  // The version a save is checked against. A live refresh (someone else's change) updates the desk
  // under the open form, but the form still holds what it opened with: saving on the refreshed
  // version would silently write over their change. Only "save my changes on the new version" moves it.
  const baseVersion = useRef(props.deal.version);
  const [banner, setBanner] = useState<unknown>(null);
  // An error already shown on its fields is not repeated in the banner.
  const [placed, setPlaced] = useState<unknown>(null);
  // A save refused as stale: shown until a save succeeds (the editor then closes). Kept here too,
  // because reading the deal again clears the mutation's error.
  const [conflictSeen, setConflictSeen] = useState(false);
  const guard = useResubmitGuard(props.deal);
  const form = useForm<DealFormValues>({
    mode: 'onTouched',
    resolver: zodResolver(dealFormSchema),
    defaultValues: initial,
  });
  const save = async (values: DealFormValues) => {
    setBanner(null);
    setPlaced(null);
    const patch = toDealPatch(values, initial, props.canSeeGross);
    if (Object.keys(patch).length === 0) return props.onCancel();
    try {
      await props.onSave(patch, baseVersion.current);
    } catch (e) {
      // Someone else saved first: read their version; the typed values stay in the form.
      if (isConflict(e)) {
        setConflictSeen(true);
        props.onReload();
      } else if (placeErrors(e, dealFieldOf, form)) setPlaced(e);
      else setBanner(e);
    }
  };
  const submit = form.handleSubmit((values) => guard.run(() => void save(values)));
  const reapply = () => {
    baseVersion.current = props.deal.version;
    void submit();
  };
  const shown = banner ?? (props.error === placed ? null : props.error);
  const conflict = conflictSeen || isConflict(props.error);
  return { form, guard, submit, reapply, opened, initial, shown, conflict };
}

export function DealEditor(props: DealEditorProps) {
  const { form, guard, submit, reapply, opened, initial, shown, conflict } = useDealSave(props);
  const { deal, canSeeGross } = props;
  // Keyboard first: the editor opens with the cursor in the selling price; Escape closes it.
  useEffect(() => form.setFocus('sellingPrice'), [form]);
  // (Escape inside the confirmation dialog closes only the dialog: React bubbles it through the portal.)
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) =>
    e.key === 'Escape' && e.currentTarget.contains(e.target as Node) && props.onCancel();
  return (
    <form
      className="card no-print"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label="Edit deal"
    >
      <h2>Edit deal</h2>
      {guard.warning ? <div className="banner-warn">{guard.warning}</div> : null}
      {conflict ? null : <EditError error={shown} onReload={props.onReload} />}
      <PriceSection form={form} canSeeGross={canSeeGross} />
      <TaxFeesSection form={form} />
      <PartiesSection form={form} deal={deal} openedVehicleId={initial.vehicleId} />
      <PeopleSection form={form} salesperson={deal.salesperson} salesManager={deal.salesManager} />
      <TradeInsSection form={form} />
      <RebatesSection form={form} />
      <ProductsSection form={form} canSeeGross={canSeeGross} />
      {conflict ? (
        <ConflictBox
          deal={deal}
          opened={opened}
          busy={props.busy}
          onReload={props.onReload}
          onReapply={reapply}
          onDiscard={props.onCancel}
        />
      ) : null}
      <div className="row" style={{ marginTop: 16 }}>
        <Button type="submit" variant="primary" busy={props.busy}>
          Save changes
        </Button>
        <Button type="button" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
      {guard.dialog}
    </form>
  );
}

/** The deal editor, once product costs are known (gross users). */
export function DealEditPanel(props: {
  deal: DealDeskFragment;
  canSeeGross: boolean;
  write: ReturnType<typeof useDealWrite>;
  onClose: () => void;
}) {
  const { deal, write } = props;
  const costs = useDealProductCostsQuery({ id: deal.id }, { enabled: props.canSeeGross });
  if (props.canSeeGross && costs.isPending) return <Loading />;
  const costById = new Map(
    (costs.data?.deal?.products ?? []).map((p) => [p.id, p.cost ?? null] as const),
  );
  return (
    <DealEditor
      key={deal.id}
      deal={deal}
      initial={
        props.canSeeGross
          ? fromDeal(deal, costById, costs.data?.deal?.grossProfit?.reconditioning)
          : fromDeal(deal)
      }
      canSeeGross={props.canSeeGross}
      busy={write.update.isPending}
      error={write.update.error}
      onSave={async (input, version) => {
        await write.update.mutateAsync({ id: deal.id, version, input });
        props.onClose();
      }}
      onCancel={props.onClose}
      onReload={() => void write.reload()}
    />
  );
}
