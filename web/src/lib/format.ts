// Display formatting only (amounts arrive as decimal strings and are never computed here).

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function money(value: string | null | undefined): string {
  if (value == null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? usd.format(n) : value;
}

export function percent(rate: string | null | undefined, digits = 3): string {
  if (rate == null) return '—';
  return `${(Number(rate) * 100).toFixed(digits).replace(/\.?0+$/, '')}%`;
}

export function date(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleDateString('en-US');
}

export function dateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString('en-US');
}

export const titleCase = (s: string) =>
  s
    .toLowerCase()
    .replace(/_/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase());
