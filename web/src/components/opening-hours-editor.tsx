'use client';
// A week of opening hours: each day open (from, to) or closed. The server checks the times too
// (24-hour HH:MM, opening before closing) and names the day in its error.
import type { OpeningHoursInput, Weekday } from '../generated/graphql.ts';

export const WEEK: Weekday[] = [
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
];
const label = (d: Weekday) => d[0] + d.slice(1).toLowerCase();

export function OpeningHoursEditor(props: {
  value: OpeningHoursInput[];
  onChange: (next: OpeningHoursInput[]) => void;
  errors: Record<string, string>;
}) {
  const byDay = new Map(props.value.map((h) => [h.day, h]));
  const set = (day: Weekday, next: OpeningHoursInput | null) =>
    props.onChange(
      WEEK.flatMap((d) => {
        const h = d === day ? next : byDay.get(d);
        return h ? [h] : [];
      }),
    );
  // The server's field is hours[i] of the list sent, which is in week order.
  const errorOf = (day: Weekday) => {
    const i = props.value.findIndex((h) => h.day === day);
    if (i < 0) return undefined;
    return props.errors[`hours[${i}].opens`] ?? props.errors[`hours[${i}].closes`];
  };
  return (
    <table aria-label="Opening hours">
      <thead>
        <tr>
          <th>Day</th>
          <th>Open</th>
          <th>From</th>
          <th>To</th>
        </tr>
      </thead>
      <tbody>
        {WEEK.map((day) => {
          const h = byDay.get(day);
          const error = errorOf(day);
          return (
            <tr key={day} data-day={day}>
              <td>{label(day)}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${label(day)} open`}
                  checked={Boolean(h)}
                  onChange={(e) =>
                    set(day, e.target.checked ? { day, opens: '09:00', closes: '18:00' } : null)
                  }
                />
              </td>
              <td>
                {h ? (
                  <input
                    type="time"
                    aria-label={`${label(day)} opens`}
                    value={h.opens}
                    onChange={(e) => set(day, { ...h, opens: e.target.value })}
                  />
                ) : (
                  <span className="muted">closed</span>
                )}
              </td>
              <td>
                {h ? (
                  <input
                    type="time"
                    aria-label={`${label(day)} closes`}
                    value={h.closes}
                    onChange={(e) => set(day, { ...h, closes: e.target.value })}
                  />
                ) : null}
                {error ? (
                  <span className="error" role="alert">
                    {error}
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
