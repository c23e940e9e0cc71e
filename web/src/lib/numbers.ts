// Numbers as people type them: "$36,995", "36,995.00", "36995", "4.9%", " 4.9 " → the plain decimal
// the API takes ("36995", "36995.00", "4.9"). Only thousands separators are dropped: "1,5" stays
// (and is then refused in words), so a mistyped decimal comma never becomes a different amount.
export function cleanNumber(text: string): string {
  return text
    .trim()
    .replace(/^\$\s*/, '')
    .replace(/,(?=\d{3}(?:\D|$))/g, '')
    .replace(/\s*%$/, '');
}
