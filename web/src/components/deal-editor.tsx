'use client';
// The desk's editors (loaded on demand, with react-hook-form and zod): price structure and
// reconditioning, the tax place (buyer state/ZIP), title and registration fees, deal date, co-buyer,
// vehicle, trade-ins, rebates and F&I products (one updateDeal), and a scenario's terms (updateScenario). Server input errors land on the field they name; a CONFLICT
// offers a reload; edits that send the deal back for approval are confirmed first.
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import {
  useDealProductCostsQuery,
  type DealDeskFragment,
  type ScenarioViewFragment,
} from '../generated/graphql.ts';
import type { useDealWrite } from '../lib/use-deal-write.ts';
import {
  dealFieldOf,
  dealFormSchema,
  EMPTY_PRODUCT,
  EMPTY_REBATE,
  EMPTY_TRADE_IN,
  fromDeal,
  fromScenario,
  PRODUCT_KINDS,
  scenarioFieldOf,
  scenarioFormSchema,
  toDealPatch,
  toScenarioInput,
  type DealFormValues,
  type ScenarioFormValues,
} from '../lib/deal-edit.ts';
import { isConflict, type EditState } from '../lib/deal-status.ts';
import { fieldErrors } from '../lib/errors.ts';
import { titleCase } from '../lib/format.ts';
import { ConflictBox, type OpenedAt } from './deal-conflict.tsx';
import { EditError, useResubmitGuard } from './deal-guard.tsx';
import {
  CoBuyerPicker,
  VehiclePicker,
  type PickedCustomer,
  type PickedVehicle,
} from './deal-pickers.tsx';
import { Button, Field, Loading } from './ui.tsx';

type Submit<V> = (values: V) => Promise<void>;

/** Puts server input errors on the form's fields; true when at least one landed. */
function placeErrors<V extends Record<string, unknown>>(
  error: unknown,
  map: (path: string) => string | undefined,
  setError: (
    name: FieldPath<V>,
    e: { type: string; message: string },
    o: { shouldFocus: boolean },
  ) => void,
): boolean {
  let placed = false;
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = map(path);
    if (!field) continue;
    setError(field as FieldPath<V>, { type: 'server', message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}

export function DealEditor(props: {
  deal: DealDeskFragment;
  initial: DealFormValues;
  canSeeGross: boolean;
  busy: boolean;
  error: unknown;
  /** Saves the patch on `version`: the one the form opened on, or the new one the user chose. */
  onSave: (patch: ReturnType<typeof toDealPatch>, version: number) => Promise<void>;
  onCancel: () => void;
  onReload: () => void;
}) {
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
  const guard = useResubmitGuard(props.deal);
  const form = useForm<DealFormValues>({
    mode: 'onTouched',
    resolver: zodResolver(dealFormSchema),
    defaultValues: initial,
  });
  const { errors } = form.formState;
  const { deal } = props;
  // A save refused as stale: shown until a save succeeds (the editor then closes). Kept here too,
  // because reading the deal again clears the mutation's error.
  const [conflictSeen, setConflictSeen] = useState(false);
  const conflict = conflictSeen || isConflict(props.error);
  // What the pickers show: the deal's co-buyer and vehicle until another is picked.
  const [coBuyer, setCoBuyer] = useState<PickedCustomer | null>(
    deal.coBuyer ? { id: deal.coBuyer.id, name: deal.coBuyer.displayName } : null,
  );
  const [vehicle, setVehicle] = useState<PickedVehicle | null>(
    deal.vehicle
      ? {
          id: deal.vehicle.id,
          label: `${deal.vehicle.year} ${deal.vehicle.make} ${deal.vehicle.model}${deal.vehicle.trim ? ` ${deal.vehicle.trim}` : ''} · stock ${deal.vehicle.stockNumber}`,
          listPrice: null,
        }
      : null,
  );
  const pick = (name: 'coBuyerId' | 'vehicleId', id: string) =>
    form.setValue(name, id, { shouldDirty: true, shouldValidate: true });
  // Keyboard first: the editor opens with the cursor in the selling price; Escape closes it.
  useEffect(() => form.setFocus('sellingPrice'), [form]);
  const trades = useFieldArray({ control: form.control, name: 'tradeIns' });
  const rebates = useFieldArray({ control: form.control, name: 'rebates' });
  // `key`, not the default `id`: products carry their own id (the server keeps their cost by it).
  const products = useFieldArray({ control: form.control, name: 'products', keyName: 'key' });
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
      } else if (placeErrors<DealFormValues>(e, dealFieldOf, form.setError)) setPlaced(e);
      else setBanner(e);
    }
  };
  const submit = form.handleSubmit((values) => guard.run(() => void save(values)));
  const err = (name: string): string | undefined => {
    let node: unknown = errors;
    for (const part of name.split('.'))
      node = (node as Record<string, unknown> | undefined)?.[part];
    return (node as { message?: string } | undefined)?.message;
  };
  const input = (name: FieldPath<DealFormValues>, label: string, width?: number) => {
    const id = `d-${name.replace(/\./g, '-')}`;
    const message = err(name);
    return (
      <Field id={id} label={label} error={message}>
        <input
          id={id}
          inputMode={
            /price|amount|allowance|payoff|Value|cost|Fee|ccessories|iscount|recondition/i.test(
              name,
            )
              ? 'decimal'
              : undefined
          }
          aria-invalid={!!message}
          aria-describedby={message ? `${id}-error` : undefined}
          style={width ? { width } : undefined}
          {...form.register(name)}
        />
      </Field>
    );
  };
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
      {conflict ? null : (
        <EditError
          error={banner ?? (props.error === placed ? null : props.error)}
          onReload={props.onReload}
        />
      )}
      <h3>Price structure</h3>
      <div className="grid3">
        {input('sellingPrice', 'Selling price')}
        {input('accessories', 'Accessories')}
        {input('dealerDiscount', 'Dealer discount')}
        {input('docFee', 'Doc fee')}
        {props.canSeeGross ? input('reconditioning', 'Reconditioning') : null}
      </div>

      <h3>Tax and fees</h3>
      <p className="muted" id="d-tax-place-help">
        Tax is computed for this state/ZIP (the buyer&apos;s, from their address when the deal was
        made). A blank title or registration fee uses the state&apos;s fee table.
      </p>
      <div className="grid3">
        {input('buyerState', 'Buyer state', 80)}
        {input('buyerZip', 'Buyer ZIP', 120)}
        {input('titleFee', 'Title fee')}
        {input('registrationFee', 'Registration fee')}
        <Field id="d-dealDate" label="Deal date" error={err('dealDate')}>
          <input
            id="d-dealDate"
            type="date"
            aria-invalid={!!err('dealDate')}
            aria-describedby={err('dealDate') ? 'd-dealDate-error' : undefined}
            {...form.register('dealDate')}
          />
        </Field>
      </div>

      <h3>Co-buyer and vehicle</h3>
      <div className="grid2">
        <CoBuyerPicker
          buyerId={deal.buyer?.id}
          value={coBuyer}
          error={err('coBuyerId')}
          onPick={(c) => (setCoBuyer(c), pick('coBuyerId', c?.id ?? ''))}
        />
        <VehiclePicker
          value={vehicle}
          currentId={initial.vehicleId}
          error={err('vehicleId')}
          onPick={(v) => (setVehicle(v), pick('vehicleId', v.id))}
          onUseListPrice={(price) =>
            form.setValue('sellingPrice', price, { shouldDirty: true, shouldValidate: true })
          }
        />
      </div>

      <h3>Trade-ins</h3>
      {trades.fields.map((f, i) => (
        <fieldset key={f.id} className="card" aria-label={`Trade-in ${i + 1}`}>
          <legend>Trade-in {i + 1}</legend>
          <div className="grid3">
            {input(`tradeIns.${i}.vin`, 'VIN')}
            {input(`tradeIns.${i}.year`, 'Year')}
            {input(`tradeIns.${i}.make`, 'Make')}
            {input(`tradeIns.${i}.model`, 'Model')}
            {input(`tradeIns.${i}.mileage`, 'Mileage')}
            {input(`tradeIns.${i}.allowance`, 'Allowance')}
            {input(`tradeIns.${i}.actualCashValue`, 'ACV')}
            {input(`tradeIns.${i}.payoff`, 'Payoff')}
            {input(`tradeIns.${i}.lienholder`, 'Lienholder')}
          </div>
          <Button type="button" variant="danger" onClick={() => trades.remove(i)}>
            Remove trade-in {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" onClick={() => trades.append({ ...EMPTY_TRADE_IN })}>
        Add trade-in
      </Button>

      <h3>Rebates</h3>
      {rebates.fields.map((f, i) => (
        <fieldset key={f.id} className="row" aria-label={`Rebate ${i + 1}`}>
          {input(`rebates.${i}.code`, 'Rebate code', 120)}
          {input(`rebates.${i}.description`, 'Description')}
          {input(`rebates.${i}.amount`, 'Rebate amount', 120)}
          <Button type="button" variant="danger" onClick={() => rebates.remove(i)}>
            Remove rebate {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" onClick={() => rebates.append({ ...EMPTY_REBATE })}>
        Add rebate
      </Button>

      <h3>F&amp;I products</h3>
      {products.fields.map((f, i) => (
        <fieldset key={f.key} className="row" aria-label={`Product ${i + 1}`}>
          <Field id={`d-products-${i}-kind`} label="Kind">
            <select id={`d-products-${i}-kind`} {...form.register(`products.${i}.kind`)}>
              {PRODUCT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {titleCase(k)}
                </option>
              ))}
            </select>
          </Field>
          {input(`products.${i}.name`, 'Product name')}
          {input(`products.${i}.price`, 'Price', 110)}
          {props.canSeeGross ? input(`products.${i}.cost`, 'Cost', 110) : null}
          {input(`products.${i}.termMonths`, 'Term (months)', 90)}
          {input(`products.${i}.termMiles`, 'Term (miles)', 110)}
          <Button type="button" variant="danger" onClick={() => products.remove(i)}>
            Remove product {i + 1}
          </Button>
        </fieldset>
      ))}
      <Button type="button" onClick={() => products.append({ ...EMPTY_PRODUCT })}>
        Add product
      </Button>

      {conflict ? (
        <ConflictBox
          deal={deal}
          opened={opened}
          busy={props.busy}
          onReload={props.onReload}
          onReapply={() => {
            baseVersion.current = deal.version;
            void submit();
          }}
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

export function ScenarioEditor(props: {
  scenario: ScenarioViewFragment;
  deal: EditState;
  busy: boolean;
  error: unknown;
  onSave: Submit<ReturnType<typeof toScenarioInput>>;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [banner, setBanner] = useState<unknown>(null);
  // An error already shown on its fields is not repeated in the banner.
  const [placed, setPlaced] = useState<unknown>(null);
  const guard = useResubmitGuard(props.deal);
  const form = useForm<ScenarioFormValues>({
    mode: 'onTouched',
    resolver: zodResolver(scenarioFormSchema),
    defaultValues: fromScenario(props.scenario),
  });
  const { errors } = form.formState;
  const kind = props.scenario.kind;
  const rateMode = form.watch('rateMode');
  const save = async (values: ScenarioFormValues) => {
    setBanner(null);
    setPlaced(null);
    try {
      await props.onSave(toScenarioInput(values, props.scenario));
    } catch (e) {
      if (placeErrors<ScenarioFormValues>(e, scenarioFieldOf, form.setError)) setPlaced(e);
      else setBanner(e);
    }
  };
  const submit = form.handleSubmit((values) => guard.run(() => void save(values)));
  const input = (name: keyof ScenarioFormValues, label: string) => {
    const id = `sc-${name}`;
    return (
      <Field id={id} label={label} error={errors[name]?.message}>
        <input
          id={id}
          aria-invalid={!!errors[name]}
          style={{ width: 120 }}
          {...form.register(name)}
        />
      </Field>
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Scenario terms">
      {guard.warning ? <div className="banner-warn">{guard.warning}</div> : null}
      <EditError
        error={banner ?? (props.error === placed ? null : props.error)}
        onReload={props.onReload}
      />
      <div className="row">
        {input('name', 'Scenario name')}
        {kind === 'FINANCE' ? (
          <>
            <Field id="sc-rateMode" label="Rate">
              <select id="sc-rateMode" {...form.register('rateMode')}>
                <option value="APR">APR</option>
                <option value="BUY_RATE">Buy rate + markup</option>
              </select>
            </Field>
            {rateMode === 'APR' ? (
              input('apr', 'APR %')
            ) : (
              <>
                {input('buyRate', 'Buy rate %')}
                {input('rateMarkup', 'Markup %')}
              </>
            )}
            {input('termMonths', 'Term (months)')}
            {input('downPayment', 'Down payment')}
          </>
        ) : null}
        {kind === 'LEASE' ? (
          <>
            {input('moneyFactor', 'Money factor')}
            {input('residualPercent', 'Residual (fraction of MSRP)')}
            {input('termMonths', 'Term (months)')}
            {input('milesPerYear', 'Miles per year')}
            {input('cashDown', 'Cash down')}
          </>
        ) : null}
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <Button type="submit" variant="primary" busy={props.busy}>
          Save terms
        </Button>
        <Button type="button" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
      {guard.dialog}
    </form>
  );
}

/** The price-structure / trade-in / rebate / product editor, once product costs are known (gross users). */
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
