'use client';
// A tiered government fee asked in plain words on the deal editor: for a Texas buyer, "Title fee
// depends on the buyer's county" with the counties' fees to choose from; the choice fills the fee box
// (so the fee is included, and the scenarios lose their "not included" notice).
import { feeChoices } from '@autolytiq/calc';
import type { DealForm } from './deal-editor-sections.tsx';
import { Field } from './ui.tsx';

export function FeeChoice(props: { form: DealForm; kind: 'TITLE' | 'REGISTRATION' }) {
  const { form } = props;
  const name = props.kind === 'TITLE' ? 'titleFee' : 'registrationFee';
  const [state, dealDate, fee] = form.watch(['buyerState', 'dealDate', name]);
  const tiered = feeChoices(state.trim().toUpperCase(), props.kind, dealDate);
  if (!tiered) return null;
  const chosen = tiered.choices.find((c) => fee.trim() !== '' && Number(c.amount) === Number(fee));
  const id = `d-${name}-choice`;
  const what = props.kind === 'TITLE' ? 'Title fee' : 'Registration fee';
  return (
    <Field id={id} label={`${what} depends on ${tiered.dependsOn}`}>
      <select
        id={id}
        value={chosen?.amount ?? ''}
        onChange={(e) =>
          form.setValue(name, e.target.value, { shouldDirty: true, shouldValidate: true })
        }
      >
        <option value="">Choose…</option>
        {tiered.choices.map((c) => (
          <option key={c.label} value={c.amount}>
            ${c.amount} — {c.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
