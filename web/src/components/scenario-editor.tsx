'use client';
// A scenario's terms (loaded on demand with the form library): finance by APR or buy rate + markup;
// lease by money factor and the residual as a percentage of MSRP (or in dollars), term, miles and
// cash down. Server input errors land on their box; edits that send the deal back are confirmed.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import type { ScenarioViewFragment } from '../generated/graphql.ts';
import type { EditState } from '../lib/deal-status.ts';
import {
  fromScenario,
  scenarioFieldOf,
  scenarioFormSchema,
  toScenarioInput,
  type ScenarioFormValues,
} from '../lib/scenario-edit.ts';
import { EditError, useResubmitGuard } from './deal-guard.tsx';
import { FormInput, placeErrors } from './form-fields.tsx';
import { Button, Field } from './ui.tsx';

type ScenarioForm = UseFormReturn<ScenarioFormValues>;

function Box(props: { form: ScenarioForm; name: keyof ScenarioFormValues; label: string }) {
  return <FormInput prefix="sc" width={120} {...props} />;
}

function FinanceTerms({ form }: { form: ScenarioForm }) {
  const rateMode = form.watch('rateMode');
  return (
    <>
      <Field id="sc-rateMode" label="Rate">
        <select id="sc-rateMode" {...form.register('rateMode')}>
          <option value="APR">APR</option>
          <option value="BUY_RATE">Buy rate + markup</option>
        </select>
      </Field>
      {rateMode === 'APR' ? (
        <Box form={form} name="apr" label="APR %" />
      ) : (
        <>
          <Box form={form} name="buyRate" label="Buy rate %" />
          <Box form={form} name="rateMarkup" label="Markup %" />
        </>
      )}
      <Box form={form} name="termMonths" label="Term (months)" />
      <Box form={form} name="downPayment" label="Down payment" />
    </>
  );
}

function LeaseTerms({ form }: { form: ScenarioForm }) {
  const residualMode = form.watch('residualMode');
  return (
    <>
      <Box form={form} name="moneyFactor" label="Money factor" />
      <Field id="sc-residualMode" label="Residual as">
        <select id="sc-residualMode" {...form.register('residualMode')}>
          <option value="PERCENT">% of MSRP</option>
          <option value="DOLLARS">Dollars</option>
        </select>
      </Field>
      {residualMode === 'PERCENT' ? (
        <Box form={form} name="residualPercent" label="Residual % of MSRP" />
      ) : (
        <Box form={form} name="residualValue" label="Residual value" />
      )}
      <Box form={form} name="termMonths" label="Term (months)" />
      <Box form={form} name="milesPerYear" label="Miles per year" />
      <Box form={form} name="cashDown" label="Cash down" />
    </>
  );
}

export function ScenarioEditor(props: {
  scenario: ScenarioViewFragment;
  deal: EditState;
  busy: boolean;
  error: unknown;
  onSave: (input: ReturnType<typeof toScenarioInput>) => Promise<void>;
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
  const kind = props.scenario.kind;
  const save = async (values: ScenarioFormValues) => {
    setBanner(null);
    setPlaced(null);
    try {
      await props.onSave(toScenarioInput(values, props.scenario));
    } catch (e) {
      if (placeErrors(e, scenarioFieldOf, form)) setPlaced(e);
      else setBanner(e);
    }
  };
  const submit = form.handleSubmit((values) => guard.run(() => void save(values)));
  return (
    <form onSubmit={submit} noValidate aria-label="Scenario terms">
      {guard.warning ? <div className="banner-warn">{guard.warning}</div> : null}
      <EditError
        error={banner ?? (props.error === placed ? null : props.error)}
        onReload={props.onReload}
      />
      <div className="row">
        <Box form={form} name="name" label="Scenario name" />
        {kind === 'FINANCE' ? <FinanceTerms form={form} /> : null}
        {kind === 'LEASE' ? <LeaseTerms form={form} /> : null}
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
