'use client';
// The "Mark contracted" dialog: F&I confirms the deal being contracted (buyer, vehicle, the selected
// scenario's payment) and records the lender, the contract number and the contract date. Bad boxes are
// named before asking; the server's field errors land on their box, anything else under the buttons.
import { useState } from 'react';
import type { DealContractInput, DealDeskFragment } from '../generated/graphql.ts';
import {
  contractFieldOf,
  contractInput,
  localToday,
  type ContractErrors,
  type ContractForm,
} from '../lib/deal-contract.ts';
import { fieldErrors } from '../lib/errors.ts';
import { money, titleCase } from '../lib/format.ts';
import { Button, ErrorBanner, Field, Modal } from './ui.tsx';

function summary(deal: DealDeskFragment): string {
  const s = deal.scenarios.find((x) => x.selected) ?? deal.scenarios[0];
  const v = deal.vehicle;
  const vehicle = v ? `${v.year} ${v.make} ${v.model} · stock ${v.stockNumber}` : 'no vehicle';
  const terms = !s
    ? 'no scenario'
    : s.monthlyPayment
      ? `${titleCase(s.kind)} · ${money(s.monthlyPayment)} a month`
      : `${titleCase(s.kind)} · ${money(s.dueFromBuyer)} due`;
  return `Deal #${deal.dealNumber} · ${deal.buyer?.displayName ?? 'no buyer'} · ${vehicle} · ${terms}`;
}

export function ContractDialog(props: {
  deal: DealDeskFragment;
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onContract: (contract: DealContractInput) => Promise<unknown>;
}) {
  const { deal } = props;
  const selected = deal.scenarios.find((x) => x.selected) ?? deal.scenarios[0];
  const [f, setF] = useState<ContractForm>({
    lender: selected?.finance?.lender ?? selected?.lease?.lender ?? '',
    contractNumber: '',
    contractDate: localToday(),
  });
  const [errors, setErrors] = useState<ContractErrors>({});
  const [banner, setBanner] = useState<unknown>(null);
  const set = (key: keyof ContractForm) => (e: { target: { value: string } }) => {
    setF((v) => ({ ...v, [key]: e.target.value }));
    setErrors((x) => ({ ...x, [key]: undefined }));
  };
  const submit = async () => {
    setBanner(null);
    const parsed = contractInput(selected?.kind, f);
    setErrors(parsed.errors ?? {});
    if (!parsed.input) return;
    try {
      await props.onContract(parsed.input);
      props.onClose();
    } catch (error) {
      const placed: ContractErrors = {};
      for (const [path, message] of Object.entries(fieldErrors(error, 'contract'))) {
        const key = contractFieldOf(`contract.${path}`);
        if (key) placed[key] = message;
      }
      setErrors(placed);
      if (Object.keys(placed).length === 0) setBanner(error);
    }
  };
  const box = (key: keyof ContractForm, label: string, type?: 'date') => (
    <Field id={`ct-${key}`} label={label} error={errors[key]}>
      <input
        id={`ct-${key}`}
        type={type}
        value={f[key]}
        onChange={set(key)}
        aria-invalid={!!errors[key]}
        aria-describedby={errors[key] ? `ct-${key}-error` : undefined}
      />
    </Field>
  );
  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => !open && props.onClose()}
      title="Mark contracted"
    >
      <p data-testid="contract-summary">{summary(deal)}</p>
      <p className="muted">
        Confirm the contracts are signed. The lender, contract number and date go on the deal and
        its history; after this only delivery (or cancelling) is left.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
        aria-label="Contract"
      >
        <div className="grid3">
          {box('lender', selected?.kind === 'CASH' ? 'Lender (none for cash)' : 'Lender')}
          {box('contractNumber', 'Contract number')}
          {box('contractDate', 'Contract date', 'date')}
        </div>
        <ErrorBanner error={banner} />
        <div className="row" style={{ marginTop: 12 }}>
          <Button type="submit" variant="primary" busy={props.busy}>
            Mark contracted
          </Button>
          <Button type="button" onClick={props.onClose}>
            Back
          </Button>
        </div>
      </form>
    </Modal>
  );
}
