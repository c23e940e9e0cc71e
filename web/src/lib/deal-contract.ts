// "Mark contracted": what F&I records — the lender, the contract number and the contract date — checked
// in words before asking the server. A financed or leased deal needs its lender and contract number
// (the signed contract is the proof of the sale); a cash deal needs neither.
import type { DealContractInput, ScenarioKind } from '../generated/graphql.ts';

export interface ContractForm {
  lender: string;
  contractNumber: string;
  contractDate: string;
}

export type ContractErrors = Partial<Record<keyof ContractForm, string>>;

/** Today in the browser's calendar (YYYY-MM-DD), the date a contract signed now carries. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function contractInput(
  kind: ScenarioKind | null | undefined,
  f: ContractForm,
):
  { input: DealContractInput; errors?: undefined } | { input?: undefined; errors: ContractErrors } {
  const errors: ContractErrors = {};
  const financed = kind === 'FINANCE' || kind === 'LEASE';
  const lender = f.lender.trim();
  const contractNumber = f.contractNumber.trim();
  if (financed && !lender) errors.lender = 'Enter the lender the contract was sent to.';
  if (financed && !contractNumber)
    errors.contractNumber = 'Enter the contract number from the signed contract.';
  if (contractNumber.length > 60) errors.contractNumber = 'At most 60 characters.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.contractDate)) errors.contractDate = 'Enter the contract date.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      lender: lender || null,
      contractNumber: contractNumber || null,
      contractDate: f.contractDate,
    },
  };
}

/** The server's `contract.lender` … errors → the dialog's boxes. */
export function contractFieldOf(serverPath: string): keyof ContractForm | undefined {
  const m = /^contract\.(lender|contractNumber|contractDate)$/.exec(serverPath);
  return m ? (m[1] as keyof ContractForm) : undefined;
}
