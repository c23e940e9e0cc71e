// Numbers as people type them: "$36,995", "36,995.00", "36995", "4.9%", " 4.9 " → the plain decimal
// the API takes ("36995", "36995.00", "4.9"). Only thousands separators are dropped: "1,5" stays
// (and is then refused in words), so a mistyped decimal comma never becomes a different amount.
import { Decimal } from 'decimal.js';

export function cleanNumber(text: string): string {
  return text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/,(?=\d{3}(?:\D|$))/g, '')
    .replace(/\s*%$/, '');
}

/** A percentage as typed ("58", "57.5 %") → the fraction the API takes ("0.58", "0.575"). */
export function percentToRate(text: string): string {
  return new Decimal(cleanNumber(text)).div(100).toString();
}

/** The API's fraction ("0.5800") → the percentage people read and type ("58"). */
export function rateToPercent(rate: string): string {
  return new Decimal(rate).mul(100).toString();
}
