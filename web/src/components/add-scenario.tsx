'use client';
// Adds a cash, finance or lease scenario beside the others; the server computes it.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  useAddScenarioMutation,
  useDealQuery,
  type DealDeskFragment,
  type ScenarioKind,
} from '../generated/graphql.ts';
import {
  addScenarioFieldOf,
  addScenarioInput,
  type AddScenarioErrors,
} from '../lib/deal-add-scenario.ts';
import { fieldErrors } from '../lib/errors.ts';
import { Button, ErrorBanner, Field } from './ui.tsx';

export function AddScenario({
  deal,
  confirm = (action) => action(),
}: {
  deal: DealDeskFragment;
  /** Runs the add, after a confirmation when it would send the deal back for approval. */
  confirm?: (action: () => void) => void;
}) {
  const client = useQueryClient();
  const add = useAddScenarioMutation({
    onSuccess: () => client.invalidateQueries({ queryKey: useDealQuery.getKey({ id: deal.id }) }),
  });
  const [kind, setKind] = useState<ScenarioKind>('CASH');
  const [f, setF] = useState({
    apr: '5.9',
    termMonths: '72',
    downPayment: '0',
    moneyFactor: '0.00125',
    // No preset residual: a share of MSRP that fits a new car makes a used one's lease absurd.
    residualPercent: '',
    leaseTerm: '36',
    cashDown: '2000',
  });
  // Bad boxes (the browser's check, or the server's answer) named on the box.
  const [errors, setErrors] = useState<AddScenarioErrors>({});
  const set = (key: keyof typeof f) => (e: { target: { value: string } }) => {
    setF((v) => ({ ...v, [key]: e.target.value }));
    setErrors((x) => ({ ...x, [key]: undefined }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = addScenarioInput(kind, f);
    setErrors(parsed.errors ?? {});
    if (!parsed.input) return;
    const input = parsed.input;
    confirm(() =>
      add.mutate(
        { dealId: deal.id, version: deal.version, input },
        {
          onError: (error) => {
            const placed: AddScenarioErrors = {};
            for (const [path, message] of Object.entries(fieldErrors(error))) {
              const key = addScenarioFieldOf(path);
              if (key) placed[key] = message;
            }
            setErrors(placed);
          },
        },
      ),
    );
  };
  const box = (key: keyof typeof f, label: string) => (
    <Field id={`s-${key}`} label={label} error={errors[key]}>
      <input
        id={`s-${key}`}
        value={f[key]}
        onChange={set(key)}
        aria-invalid={!!errors[key]}
        aria-describedby={errors[key] ? `s-${key}-error` : undefined}
        style={{ width: 100 }}
      />
    </Field>
  );
  // A server error already shown on its box is not repeated in the banner.
  const unplaced = Object.values(errors).some(Boolean) ? null : add.error;
  return (
    <form className="card row no-print" onSubmit={submit} aria-label="Add a scenario">
      <Field id="s-kind" label="Scenario kind">
        <select id="s-kind" value={kind} onChange={(e) => setKind(e.target.value as ScenarioKind)}>
          <option value="CASH">Cash</option>
          <option value="FINANCE">Finance</option>
          <option value="LEASE">Lease</option>
        </select>
      </Field>
      {kind === 'FINANCE' ? (
        <>
          {box('apr', 'APR %')}
          {box('termMonths', 'Term')}
          {box('downPayment', 'Down')}
        </>
      ) : null}
      {kind === 'LEASE' ? (
        <>
          {box('moneyFactor', 'Money factor')}
          {box('residualPercent', 'Residual % of MSRP')}
          {box('leaseTerm', 'Term')}
          {box('cashDown', 'Cash down')}
        </>
      ) : null}
      <Button type="submit" busy={add.isPending}>
        Add scenario
      </Button>
      <ErrorBanner error={unplaced} />
    </form>
  );
}
