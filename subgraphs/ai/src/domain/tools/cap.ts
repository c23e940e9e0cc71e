// Tool results go to the model as JSON of bounded size: a long list loses its tail (and says so)
// rather than the whole answer being cut mid-value. Long strings are shortened the same way.
export const MAX_TOOL_RESULT_CHARS = 6000;
const MAX_STRING = 500;

function shortenStrings(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  }
  if (Array.isArray(value)) return value.map(shortenStrings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortenStrings(v)]));
  }
  return value;
}

/** The longest array anywhere in `value` (by serialized length), to drop its last item. */
function longestArray(value: unknown): unknown[] | null {
  let best: unknown[] | null = null;
  let bestSize = 0;
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      const size = JSON.stringify(v).length;
      if (v.length > 0 && size > bestSize) {
        best = v;
        bestSize = size;
      }
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return best;
}

/** `data` as JSON text of at most `max` characters, marked `truncated` when anything was dropped. */
export function capToolResult(data: unknown, max = MAX_TOOL_RESULT_CHARS): string {
  let text = JSON.stringify(data ?? null);
  if (text.length <= max) return text;
  const copy = shortenStrings(structuredClone(data));
  let dropped = 0;
  text = JSON.stringify(copy);
  while (text.length > max) {
    const list = longestArray(copy);
    if (!list) break;
    list.pop();
    dropped += 1;
    text = JSON.stringify(copy);
  }
  // An object keeps its own fields (the tool's `ok` and `result`) beside the truncation marks.
  const wrapped =
    copy && typeof copy === 'object' && !Array.isArray(copy)
      ? { ...copy, truncated: true, itemsLeftOut: dropped }
      : { result: copy, truncated: true, itemsLeftOut: dropped };
  text = JSON.stringify(wrapped);
  return text.length <= max
    ? text
    : JSON.stringify({ truncated: true, note: 'result too large to show' });
}
