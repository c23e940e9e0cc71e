'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { Button, ErrorBanner, Field } from '../../../../components/ui.tsx';
import {
  useAddVehicleByVinMutation,
  useDecodeVinQuery,
  useVehiclesQuery,
} from '../../../../generated/graphql.ts';
import { fieldErrors } from '../../../../lib/errors.ts';

const schema = z.object({
  vin: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'A VIN is 17 letters and digits (no I, O or Q).'),
  stockNumber: z.string().trim().min(1, 'Enter the stock number.'),
  mileage: z.coerce.number<string>().int('Whole miles.').min(0, 'Not negative.'),
  condition: z.enum(['NEW', 'USED', 'CPO']),
  listPrice: z
    .string()
    .trim()
    .regex(/^(\d+(\.\d{1,2})?)?$/, 'A price like 27995 or 27995.00.'),
  year: z.string().trim(),
  make: z.string().trim(),
  model: z.string().trim(),
  trim: z.string().trim(),
  exteriorColor: z.string().trim(),
});
type Values = z.input<typeof schema>;
type Parsed = z.output<typeof schema>;

const DECODED = ['year', 'make', 'model', 'trim'] as const;

export default function AddVehiclePage() {
  const router = useRouter();
  const client = useQueryClient();
  const add = useAddVehicleByVinMutation();
  const [error, setError] = useState<unknown>(null);
  const form = useForm<Values, unknown, Parsed>({
    resolver: zodResolver(schema),
    defaultValues: {
      vin: '',
      stockNumber: '',
      mileage: '0',
      condition: 'USED',
      listPrice: '',
      year: '',
      make: '',
      model: '',
      trim: '',
      exteriorColor: '',
    },
  });
  const vin = form.watch('vin').trim().toUpperCase();
  const decode = useDecodeVinQuery({ vin }, { enabled: vin.length === 17 });
  const result = decode.data?.decodeVin;
  useEffect(() => {
    if (!result?.decoded) return;
    for (const key of DECODED) {
      const value = result[key];
      if (value != null) form.setValue(key, String(value), { shouldDirty: true });
    }
  }, [result, form]);

  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      const opt = (s: string) => (s ? s : undefined);
      const created = await add.mutateAsync({
        input: {
          vin: v.vin,
          stockNumber: v.stockNumber,
          mileage: v.mileage,
          condition: v.condition,
          listPrice: opt(v.listPrice),
          year: v.year ? Number(v.year) : undefined,
          make: opt(v.make),
          model: opt(v.model),
          trim: opt(v.trim),
          exteriorColor: opt(v.exteriorColor),
        },
      });
      await client.invalidateQueries({ queryKey: useVehiclesQuery.getKey() });
      router.push(`/inventory/${created.addVehicleByVin.id}`);
    } catch (e) {
      const byField = fieldErrors(e);
      const keys = Object.keys(byField);
      for (const key of keys) {
        if (key in form.getValues())
          form.setError(key as keyof Values, { type: 'server', message: byField[key] });
      }
      if (!keys.some((k) => k in form.getValues())) setError(e);
    }
  });
  const { errors, isSubmitting } = form.formState;
  const input = (name: keyof Values, label: string, extra: object = {}) => (
    <Field id={`v-${name}`} label={label} error={errors[name]?.message}>
      <input id={`v-${name}`} aria-invalid={!!errors[name]} {...form.register(name)} {...extra} />
    </Field>
  );
  return (
    <>
      <h1>Add a vehicle by VIN</h1>
      <form className="card" onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <div className="grid3">
          {input('vin', 'VIN', { className: 'mono', autoFocus: true, maxLength: 17 })}
          {input('stockNumber', 'Stock number')}
          {input('mileage', 'Mileage', { inputMode: 'numeric' })}
        </div>
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
          {result && result.check.valid && !result.decoded ? (
            <div className="banner-warn">Not found in the VIN database: fill in the details.</div>
          ) : null}
          <ErrorBanner error={decode.error} />
        </div>
        <div className="grid3">
          {input('year', 'Year')}
          {input('make', 'Make')}
          {input('model', 'Model')}
          {input('trim', 'Trim')}
          {input('exteriorColor', 'Exterior color')}
          <Field id="v-condition" label="Condition">
            <select id="v-condition" {...form.register('condition')}>
              <option value="NEW">New</option>
              <option value="USED">Used</option>
              <option value="CPO">Certified pre-owned</option>
            </select>
          </Field>
          {input('listPrice', 'List price', { inputMode: 'decimal' })}
        </div>
        <div style={{ height: 16 }} />
        <Button type="submit" variant="primary" busy={isSubmitting}>
          Add vehicle
        </Button>
      </form>
    </>
  );
}
