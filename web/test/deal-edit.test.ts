// @vitest-environment happy-dom
// Editing the desk: status rules, the form ↔ DealPatch / ScenarioInput translation, server errors on
// fields, CONFLICT as "reload", and the confirmation before an edit sends the deal back for approval.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DealEditor } from '../src/components/deal-editor.tsx';
import { ScenarioEditor } from '../src/components/scenario-editor.tsx';
import { changedFields } from '../src/components/deal-parts.tsx';
import {
  useColleaguesQuery,
  type DealDeskFragment,
  type DealPatch,
  type ScenarioViewFragment,
} from '../src/generated/graphql.ts';
import { dealFieldOf, dealFormSchema, fromDeal, toDealPatch } from '../src/lib/deal-edit.ts';
import {
  fromScenario,
  scenarioFieldOf,
  scenarioFormSchema,
  toScenarioInput,
} from '../src/lib/scenario-edit.ts';
import { canEditDeal, isConflict, resubmitWarning } from '../src/lib/deal-status.ts';
import { ApiError } from '../src/lib/errors.ts';

const finance = {
  id: 's1',
  kind: 'FINANCE',
  name: 'Finance 60 mo',
  selected: true,
  finance: {
    lender: null,
    apr: '6.90',
    buyRate: null,
    rateMarkup: null,
    termMonths: 60,
    downPayment: '2000.00',
    firstPaymentDate: '2026-12-02',
  },
  lease: null,
} as unknown as ScenarioViewFragment;

const deal = {
  id: 'd1',
  status: 'DRAFT',
  allowedTransitions: ['SUBMITTED', 'CANCELLED'],
  version: 3,
  dealDate: '2026-11-20',
  buyerState: 'TX',
  buyerZip: '78701',
  titleFee: null,
  registrationFee: '75.00',
  buyer: { id: 'c1', displayName: 'Dana Whitfield' },
  coBuyer: { id: 'c2', displayName: 'Sam Whitfield' },
  vehicle: {
    id: 'v1',
    vin: null,
    year: 2023,
    make: 'Hyundai',
    model: 'Kona',
    trim: null,
    stockNumber: 'W1001',
  },
  sellingPrice: '24995.00',
  accessories: '0.00',
  dealerDiscount: '500.00',
  docFee: '150.00',
  rebates: [{ code: 'LOYAL', description: null, amount: '750.00' }],
  tradeIns: [
    {
      id: 't1',
      vin: null,
      year: 2015,
      make: 'Ford',
      model: 'Focus',
      mileage: 98000,
      allowance: '4000.00',
      actualCashValue: '3500.00',
      payoff: '1500.00',
      lienholder: 'Ally',
      equity: '2500.00',
    },
  ],
  products: [
    {
      id: 'p1',
      kind: 'SERVICE_CONTRACT',
      name: 'VSC',
      price: '1800.00',
      termMonths: 60,
      termMiles: null,
    },
  ],
  scenarios: [finance],
  salesperson: { id: 'u1', displayName: 'Sam Sales' },
  salesManager: null,
} as unknown as DealDeskFragment;

const apiError = (code: string, field?: string, message = 'Bad.') =>
  new ApiError(
    [{ message, extensions: { code, ...(field ? { field } : {}), requestId: 'r9' } }],
    200,
  );

afterEach(cleanup);

describe('deal edit rules', () => {
  it("follows the server's edit mode: edit, edit with a resubmit warning, or no edit at all", () => {
    expect(canEditDeal({ status: 'DRAFT', editMode: 'EDITABLE' })).toBe(true);
    expect(resubmitWarning({ status: 'DRAFT', editMode: 'EDITABLE' })).toBeNull();
    for (const status of ['SUBMITTED', 'APPROVED', 'IN_FINANCE'] as const) {
      expect(canEditDeal({ status, editMode: 'REAPPROVAL' })).toBe(true);
      expect(resubmitWarning({ status, editMode: 'REAPPROVAL' })).toMatch(/back to Submitted/);
    }
    expect(resubmitWarning({ status: 'APPROVED', editMode: 'REAPPROVAL' })).toMatch(/is approved/);
    expect(canEditDeal({ status: 'CONTRACTED', editMode: 'FROZEN' })).toBe(false);
    // A user without deals.write: the server says READ_ONLY whatever the status.
    expect(canEditDeal({ status: 'DRAFT', editMode: 'READ_ONLY' })).toBe(false);
    expect(isConflict(apiError('CONFLICT'))).toBe(true);
    expect(isConflict(apiError('BAD_USER_INPUT'))).toBe(false);
    expect(isConflict(new Error('CONFLICT'))).toBe(false);
  });

  it('sends only what changed; lists replace whole; no product cost without gross', () => {
    const initial = fromDeal(deal);
    expect(toDealPatch(initial, initial, true)).toEqual({});
    const withPrice = { ...initial, sellingPrice: ' 23995 ' };
    expect(toDealPatch(withPrice, initial, false)).toEqual({ sellingPrice: '23995' });
    const more = {
      ...initial,
      tradeIns: [
        ...initial.tradeIns,
        { ...initial.tradeIns[0]!, vin: '1hgcm82633a004352', payoff: '', lienholder: '' },
      ],
      products: [{ ...initial.products[0]!, price: '1900', cost: '700' }],
    };
    const patch = toDealPatch(more, initial, false);
    expect(Object.keys(patch).sort()).toEqual(['products', 'tradeIns']);
    expect(patch.tradeIns).toHaveLength(2);
    expect(patch.tradeIns![0]).toEqual({
      vin: null,
      year: 2015,
      make: 'Ford',
      model: 'Focus',
      mileage: 98000,
      allowance: '4000.00',
      actualCashValue: '3500.00',
      payoff: '1500.00',
      lienholder: 'Ally',
    });
    expect(patch.tradeIns![1]).toMatchObject({
      vin: '1HGCM82633A004352',
      payoff: '0',
      lienholder: null,
    });
    expect(patch.products![0]).not.toHaveProperty('cost');
    // The product's id goes back, so the server keeps the cost this user could not see.
    expect(patch.products![0]).toMatchObject({ id: 'p1', price: '1900' });
    expect(toDealPatch(more, initial, true).products![0]).toMatchObject({
      price: '1900',
      cost: '700',
    });
    const costs = fromDeal(deal, new Map([['p1', '650.00']]));
    expect(costs.products[0]!.cost).toBe('650.00');
  });

  it('sends the tax place, fees, date, co-buyer and vehicle; blank clears; reconditioning only with gross', () => {
    const initial = fromDeal(deal, undefined, '400.00');
    expect(initial).toMatchObject({
      coBuyerId: 'c2',
      vehicleId: 'v1',
      dealDate: '2026-11-20',
      buyerState: 'TX',
      buyerZip: '78701',
      titleFee: '',
      registrationFee: '75.00',
      reconditioning: '400.00',
    });
    expect(fromDeal(deal).reconditioning).toBe('');
    const changed = {
      ...initial,
      coBuyerId: '',
      vehicleId: 'v2',
      dealDate: '2026-11-25',
      buyerState: 'ok',
      buyerZip: '',
      titleFee: '33',
      registrationFee: '',
      reconditioning: '650',
    };
    expect(toDealPatch(changed, initial, true)).toEqual({
      coBuyerId: null,
      vehicleId: 'v2',
      dealDate: '2026-11-25',
      buyerState: 'OK',
      buyerZip: null,
      titleFee: '33',
      registrationFee: null,
      reconditioning: '650',
    });
    expect(toDealPatch(changed, initial, false)).not.toHaveProperty('reconditioning');
    expect(toDealPatch({ ...initial, coBuyerId: 'c3' }, initial, false)).toEqual({
      coBuyerId: 'c3',
    });
    const bad = dealFormSchema.safeParse({
      ...initial,
      buyerState: 'Texas',
      buyerZip: '7870',
      titleFee: 'x',
      dealDate: '',
    });
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'buyerState',
      'buyerZip',
      'dealDate',
      'titleFee',
    ]);
  });

  it('sends a new salesperson or sales manager; no manager clears it', () => {
    const initial = fromDeal(deal);
    expect(initial).toMatchObject({ salespersonId: 'u1', salesManagerId: '' });
    expect(toDealPatch({ ...initial, salespersonId: 'u2' }, initial, false)).toEqual({
      salespersonId: 'u2',
    });
    const managed = { ...initial, salesManagerId: 'm1' };
    expect(toDealPatch(managed, initial, false)).toEqual({ salesManagerId: 'm1' });
    expect(toDealPatch(initial, managed, false)).toEqual({ salesManagerId: null });
    expect(dealFormSchema.safeParse({ ...initial, salespersonId: '' }).success).toBe(false);
  });

  it('checks amounts, VINs and rebate codes before sending', () => {
    const initial = fromDeal(deal);
    expect(dealFormSchema.safeParse(initial).success).toBe(true);
    const bad = dealFormSchema.safeParse({
      ...initial,
      sellingPrice: '12,5',
      tradeIns: [{ ...initial.tradeIns[0]!, vin: 'SHORT' }],
      rebates: [{ code: '', description: '', amount: '1' }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['rebates.0.code', 'sellingPrice', 'tradeIns.0.vin']);
  });

  it('maps server paths to form fields', () => {
    expect(dealFieldOf('sellingPrice')).toBe('sellingPrice');
    expect(dealFieldOf('tradeIns[1].payoff')).toBe('tradeIns.1.payoff');
    expect(dealFieldOf('rebates.0.code')).toBe('rebates.0.code');
    expect(dealFieldOf('products[2].unknown')).toBe('products.2.price');
    expect(dealFieldOf('vehicleId')).toBe('vehicleId');
    expect(dealFieldOf('coBuyerId')).toBe('coBuyerId');
    expect(dealFieldOf('buyerZip')).toBe('buyerZip');
    expect(dealFieldOf('titleFee')).toBe('titleFee');
    expect(dealFieldOf('salespersonId')).toBe('salespersonId');
    expect(dealFieldOf('salesManagerId')).toBe('salesManagerId');
    expect(dealFieldOf('buyerId')).toBeUndefined();
    // The history names what changed in the desk's words.
    expect(
      changedFields(['coBuyerId', 'vehicleId', 'buyerZip', 'titleFee', 'scenario.a', 'scenario.b']),
    ).toBe('co-buyer, vehicle, buyer ZIP, title fee, scenario');
    expect(scenarioFieldOf('finance.apr')).toBe('apr');
    expect(scenarioFieldOf('lease.termMonths')).toBe('termMonths');
    expect(scenarioFieldOf('finance')).toBeUndefined();
  });

  it('builds scenario inputs: APR, or buy rate + markup; lease terms', () => {
    const v = fromScenario(finance);
    expect(v).toMatchObject({ rateMode: 'APR', apr: '6.90', termMonths: '60' });
    expect(toScenarioInput({ ...v, termMonths: '72', downPayment: '3000' })).toEqual({
      kind: 'FINANCE',
      name: 'Finance 60 mo',
      finance: { apr: '6.90', termMonths: 72, downPayment: '3000' },
    });
    const buy = { ...v, rateMode: 'BUY_RATE' as const, buyRate: '5.5', rateMarkup: '' };
    expect(toScenarioInput(buy).finance).toEqual({
      buyRate: '5.5',
      rateMarkup: '0',
      termMonths: 60,
      downPayment: '2000.00',
    });
    expect(scenarioFormSchema.safeParse({ ...buy, buyRate: '' }).success).toBe(false);
    const lease = {
      ...v,
      kind: 'LEASE' as const,
      moneyFactor: '0.00125',
      residualMode: 'PERCENT' as const,
      residualPercent: '58',
      termMonths: '36',
      milesPerYear: '12000',
      cashDown: '',
    };
    expect(scenarioFormSchema.safeParse(lease).success).toBe(true);
    // The residual is typed as a percentage and sent as the fraction the API takes.
    expect(toScenarioInput(lease).lease).toEqual({
      moneyFactor: '0.00125',
      residualRate: '0.58',
      termMonths: 36,
      milesPerYear: 12000,
      cashDown: '0',
    });
    const typed = scenarioFormSchema.safeParse({ ...lease, residualPercent: '57.5 %' });
    expect(typed.success && toScenarioInput(typed.data).lease?.residualRate).toBe('0.575');
    // A fraction typed out of habit, or more than the car, is refused in words.
    for (const bad of ['580', '0.58', '58.123', 'x'])
      expect(
        scenarioFormSchema.safeParse({ ...lease, residualPercent: bad }).error?.issues[0]?.message,
      ).toBe('Enter the residual as a percentage of MSRP, such as 58 or 57.5% (not 0.58).');
    // In dollars instead: the percentage is not needed, the dollar residual is sent.
    const dollars = {
      ...lease,
      residualMode: 'DOLLARS' as const,
      residualPercent: '',
      residualValue: '$16,500',
    };
    const parsed = scenarioFormSchema.safeParse(dollars);
    expect(parsed.success && toScenarioInput(parsed.data).lease).toMatchObject({
      residualValue: '16500',
    });
    expect(parsed.success && toScenarioInput(parsed.data).lease).not.toHaveProperty('residualRate');
    expect(scenarioFormSchema.safeParse({ ...dollars, residualValue: '' }).success).toBe(false);
    expect(scenarioFieldOf('lease.residualRate')).toBe('residualPercent');
  });

  it('keeps what the scenario form does not show (updateScenario replaces the terms whole)', () => {
    const kept = {
      ...finance,
      finance: { ...finance.finance!, lender: 'Ally Financial', firstPaymentDate: '2026-12-20' },
    } as ScenarioViewFragment;
    expect(toScenarioInput({ ...fromScenario(kept), termMonths: '72' }, kept).finance).toEqual({
      lender: 'Ally Financial',
      firstPaymentDate: '2026-12-20',
      apr: '6.90',
      termMonths: 72,
      downPayment: '2000.00',
    });
    const lease = {
      ...finance,
      kind: 'LEASE',
      finance: null,
      lease: {
        lender: 'Hyundai Motor Finance',
        moneyFactor: '0.00125',
        termMonths: 36,
        cashDown: '2000.00',
        residualRate: '0.5800',
        residualValue: null,
        milesPerYear: 12000,
        acquisitionFee: '650.00',
      },
    } as unknown as ScenarioViewFragment;
    expect(toScenarioInput({ ...fromScenario(lease), cashDown: '3000' }, lease).lease).toEqual({
      lender: 'Hyundai Motor Finance',
      acquisitionFee: '650.00',
      moneyFactor: '0.00125',
      residualRate: '0.58',
      termMonths: 36,
      milesPerYear: 12000,
      cashDown: '3000',
    });
    // Another kind starts afresh: a finance lender is not a lease's.
    const switched = toScenarioInput({ ...fromScenario(lease), kind: 'FINANCE', apr: '5' }, kept);
    expect(switched.finance?.lender).toBe('Ally Financial');
    expect(
      toScenarioInput({ ...fromScenario(kept), kind: 'LEASE' }, kept).lease,
    ).not.toHaveProperty('lender');
  });
});

function renderEditor(status: string, onSave: (p: DealPatch) => Promise<void>, error?: unknown) {
  const onReload = vi.fn();
  const editMode = status === 'DRAFT' || status === 'REJECTED' ? 'EDITABLE' : 'REAPPROVAL';
  const d = { ...deal, status, editMode } as DealDeskFragment;
  // The co-buyer and vehicle pickers search through react-query (only once something is typed).
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity } },
  });
  // Whom the people selects offer (auth's colleagues), as the graph would answer.
  client.setQueryData(useColleaguesQuery.getKey({ permission: 'deals.write' }), {
    colleagues: [
      { id: 'u1', displayName: 'Sam Sales' },
      { id: 'u2', displayName: 'Riley Rivera' },
    ],
  });
  client.setQueryData(useColleaguesQuery.getKey({ permission: 'deals.approve' }), {
    colleagues: [{ id: 'm1', displayName: 'Morgan Manager' }],
  });
  const tree = (shown: DealDeskFragment) =>
    createElement(
      QueryClientProvider,
      { client },
      createElement(DealEditor, {
        deal: shown,
        initial: fromDeal(d),
        canSeeGross: false,
        busy: false,
        error: error ?? null,
        onSave,
        onCancel: () => undefined,
        onReload,
      }),
    );
  const { rerender } = render(tree(d));
  // A live refresh: the desk reads a newer version of the deal under the open form.
  const refreshed = (version: number) => rerender(tree({ ...d, version }));
  return { onReload, refreshed };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });

describe('deal editor form', () => {
  it('sends the new price and a new trade-in, and puts a server error on its field', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>();
    onSave.mockRejectedValueOnce(
      apiError('BAD_USER_INPUT', 'input.tradeIns[1].payoff', 'Payoff is too large.'),
    );
    onSave.mockResolvedValue(undefined);
    renderEditor('DRAFT', onSave);
    type('Selling price', '23995');
    fireEvent.click(screen.getByRole('button', { name: 'Add trade-in' }));
    const payoffs = screen.getAllByLabelText('Payoff', { exact: true });
    expect(payoffs).toHaveLength(2);
    fireEvent.change(screen.getAllByLabelText('Allowance', { exact: true })[1]!, {
      target: { value: '6000' },
    });
    fireEvent.change(payoffs[1]!, { target: { value: '99999999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const patch = onSave.mock.calls[0]![0];
    expect(patch.sellingPrice).toBe('23995');
    expect(patch.tradeIns![1]).toMatchObject({ allowance: '6000', payoff: '99999999' });
    await screen.findByText('Payoff is too large.');
    expect(document.getElementById('d-tradeIns-1-payoff')!.getAttribute('aria-invalid')).toBe(
      'true',
    );
  });

  it('sends the tax place and title fee, clears the co-buyer, and puts a ZIP error on its field', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>();
    onSave.mockRejectedValueOnce(
      apiError('BAD_USER_INPUT', 'input.buyerZip', 'That ZIP is not in OK.'),
    );
    renderEditor('DRAFT', onSave);
    expect(screen.getByText(/Tax is computed for this state\/ZIP/)).toBeTruthy();
    expect(screen.getByTestId('co-buyer-current').textContent).toBe('Sam Whitfield');
    expect(screen.getByTestId('vehicle-current').textContent).toBe(
      '2023 Hyundai Kona · stock W1001',
    );
    type('Buyer state', 'ok');
    type('Buyer ZIP', '73102');
    type('Title fee', '33');
    fireEvent.click(screen.getByRole('button', { name: 'Remove co-buyer' }));
    expect(screen.getByTestId('co-buyer-current').textContent).toBe('No co-buyer');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toEqual({
      coBuyerId: null,
      buyerState: 'OK',
      buyerZip: '73102',
      titleFee: '33',
    });
    await screen.findByText('That ZIP is not in OK.');
    expect(document.getElementById('d-buyerZip')!.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByLabelText('Reconditioning')).toBeNull();
  });

  it('picks another salesperson and a sales manager from the dealership’s people', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>().mockResolvedValue(undefined);
    renderEditor('DRAFT', onSave);
    const seller = screen.getByLabelText('Salesperson') as HTMLSelectElement;
    expect(seller.value).toBe('u1');
    expect([...seller.options].map((o) => o.text)).toEqual(['Sam Sales', 'Riley Rivera']);
    fireEvent.change(seller, { target: { value: 'u2' } });
    fireEvent.change(screen.getByLabelText('Sales manager'), { target: { value: 'm1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({ salespersonId: 'u2', salesManagerId: 'm1' }, 3),
    );
  });

  it('refuses a malformed amount before any request', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>();
    renderEditor('DRAFT', onSave);
    type('Doc fee', 'abc');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Enter the doc fee in dollars, such as 36,995.00.');
    type('Selling price', '');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Enter the selling price.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('takes amounts as people type them: "$36,995", "36,995.00"', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>().mockResolvedValue(undefined);
    renderEditor('DRAFT', onSave);
    type('Selling price', '$36,995');
    type('Doc fee', '175.00');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({ sellingPrice: '36995', docFee: '175.00' }, 3),
    );
  });

  it('saves on the version it opened with when a live refresh brings a newer one (no silent overwrite)', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>().mockResolvedValue(undefined);
    const { refreshed } = renderEditor('DRAFT', onSave);
    type('Doc fee', '175.00');
    refreshed(4);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ docFee: '175.00' }, 3));
  });

  it('warns before an edit that sends an approved deal back, and sends only when confirmed', async () => {
    const onSave = vi.fn<(p: DealPatch) => Promise<void>>().mockResolvedValue(undefined);
    renderEditor('APPROVED', onSave);
    expect(screen.getAllByText(/sends it back to Submitted/).length).toBeGreaterThan(0);
    type('Accessories', '350');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const confirm = await screen.findByRole('button', { name: 'Change and resubmit' });
    expect(onSave).not.toHaveBeenCalled();
    fireEvent.click(confirm);
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ accessories: '350' }, 3));
  });

  it('shows a CONFLICT as "someone else changed this deal" with a reload button', () => {
    const { onReload } = renderEditor('DRAFT', vi.fn(), apiError('CONFLICT'));
    expect(screen.getByTestId('deal-conflict').textContent).toMatch(
      /Someone else changed this deal/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('edits finance terms with buy rate + markup', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    render(
      createElement(ScenarioEditor, {
        scenario: finance,
        deal: { status: 'DRAFT', editMode: 'EDITABLE' },
        busy: false,
        error: null,
        onSave,
        onCancel: () => undefined,
        onReload: () => undefined,
      }),
    );
    fireEvent.change(screen.getByLabelText('Rate'), { target: { value: 'BUY_RATE' } });
    type('Buy rate %', '5.25');
    type('Markup %', '1.5');
    type('Term (months)', '72');
    fireEvent.click(screen.getByRole('button', { name: 'Save terms' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0]).toEqual({
      kind: 'FINANCE',
      name: 'Finance 60 mo',
      // The first payment date is not on the form and is kept.
      finance: {
        firstPaymentDate: '2026-12-02',
        buyRate: '5.25',
        rateMarkup: '1.5',
        termMonths: 72,
        downPayment: '2000.00',
      },
    });
  });

  it('edits lease terms with the residual as a percentage of MSRP', async () => {
    const onSave = vi.fn().mockResolvedValue(undefined);
    const lease = {
      ...finance,
      kind: 'LEASE',
      name: 'Lease 36 mo',
      finance: null,
      lease: {
        lender: null,
        moneyFactor: '0.00125',
        termMonths: 36,
        cashDown: '2000.00',
        residualRate: '0.5800',
        residualValue: null,
        milesPerYear: 12000,
        acquisitionFee: '0.00',
      },
    } as unknown as ScenarioViewFragment;
    render(
      createElement(ScenarioEditor, {
        scenario: lease,
        deal: { status: 'DRAFT', editMode: 'EDITABLE' },
        busy: false,
        error: null,
        onSave,
        onCancel: () => undefined,
        onReload: () => undefined,
      }),
    );
    // The stored fraction reads as the percentage people say.
    expect((screen.getByLabelText('Residual % of MSRP') as HTMLInputElement).value).toBe('58');
    type('Residual % of MSRP', '0.55');
    fireEvent.click(screen.getByRole('button', { name: 'Save terms' }));
    // Not a percentage anyone means: refused in words at the box, nothing sent.
    await screen.findByText(
      'Enter the residual as a percentage of MSRP, such as 58 or 57.5% (not 0.58).',
    );
    type('Residual % of MSRP', '55%');
    fireEvent.click(screen.getByRole('button', { name: 'Save terms' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]![0].lease).toMatchObject({ residualRate: '0.55', termMonths: 36 });
  });
});
