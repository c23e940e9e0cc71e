'use client';
import { useParams } from 'next/navigation';
import { Empty, ErrorBanner, Loading } from '../../../../components/ui.tsx';
import { useVehicleQuery } from '../../../../generated/graphql.ts';
import { date, money, titleCase } from '../../../../lib/format.ts';

export default function VehiclePage() {
  const { id } = useParams<{ id: string }>();
  const query = useVehicleQuery({ id });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorBanner error={query.error} />;
  const v = query.data?.vehicle;
  if (!v) return <Empty>This vehicle does not exist (or belongs to another dealership).</Empty>;
  const rows: Array<[string, string]> = [
    ['VIN', v.vin],
    ['Stock number', v.stockNumber],
    ['Condition', titleCase(v.condition)],
    ['Status', titleCase(v.status)],
    ['Mileage', v.mileage.toLocaleString('en-US')],
    ['List price', money(v.listPrice)],
    ['MSRP', money(v.msrp)],
    ['Body', v.body ?? '—'],
    ['Drivetrain', v.drivetrain ?? '—'],
    ['Engine', v.engine ?? '—'],
    ['Exterior', v.exteriorColor ?? '—'],
    ['Interior', v.interiorColor ?? '—'],
    ['In stock since', `${date(v.inStockDate)} (${v.daysInStock} days)`],
  ];
  return (
    <>
      <h1>
        {v.year} {v.make} {v.model} {v.trim ?? ''}
      </h1>
      <div className="card">
        <table aria-label="Vehicle">
          <tbody>
            {rows.map(([k, val]) => (
              <tr key={k}>
                <th style={{ width: 180 }}>{k}</th>
                <td className={k === 'VIN' ? 'mono' : undefined}>{val}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {v.options.length > 0 ? (
        <div className="card">
          <h2>Options</h2>
          <ul>
            {v.options.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
