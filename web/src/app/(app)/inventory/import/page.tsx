'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ErrorBanner, Field } from '../../../../components/ui.tsx';
import { useImportVehiclesMutation, useVehiclesQuery } from '../../../../generated/graphql.ts';
import {
  csvChunks,
  EMPTY_REPORT,
  mergeChunk,
  reportLine,
  type ImportReport,
} from '../../../../lib/csv-import.ts';

/** The API's field names as the file's header names (the column a manager looks for). */
const COLUMN: Record<string, string> = {
  vin: 'VIN',
  stockNumber: 'Stock',
  year: 'Year',
  make: 'Make',
  model: 'Model',
  trim: 'Trim',
  body: 'Body',
  drivetrain: 'Drivetrain',
  engine: 'Engine',
  exteriorColor: 'ExteriorColor',
  interiorColor: 'InteriorColor',
  mileage: 'Mileage',
  condition: 'Condition',
  msrp: 'MSRP',
  invoice: 'Invoice',
  cost: 'Cost',
  listPrice: 'Price',
  status: 'Status',
  inStockDate: 'InStockDate',
  photos: 'Photos',
  options: 'Options',
};

export default function ImportPage() {
  const client = useQueryClient();
  const importVehicles = useImportVehiclesMutation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    if (!file) return;
    setError(null);
    setReport(null);
    const chunks = csvChunks(await file.text());
    const total = chunks.reduce((n, c) => n + c.rows, 0);
    let acc = EMPTY_REPORT;
    setProgress({ done: 0, total });
    try {
      for (const chunk of chunks) {
        const { importVehicles: r } = await importVehicles.mutateAsync({ csv: chunk.csv });
        acc = mergeChunk(acc, chunk, r);
        setProgress({ done: acc.rows, total });
      }
    } catch (e) {
      setError(e);
    } finally {
      if (acc.rows > 0) setReport(acc);
      await client.invalidateQueries({ queryKey: useVehiclesQuery.getKey() });
    }
  }

  const busy = importVehicles.isPending;
  return (
    <>
      <h1>Import inventory (CSV)</h1>
      <div className="card">
        <p className="muted">
          Header line: VIN, Stock, Year, Make, Model, Trim, Body, Drivetrain, Engine, ExteriorColor,
          InteriorColor, Mileage, Condition, MSRP, Invoice, Cost, Price, Status, InStockDate,
          Photos, Options. Bad rows are reported by line; good rows are saved.
        </p>
        <div className="row">
          <Field id="csv-file" label="CSV file">
            <input
              id="csv-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Field>
          <Button variant="primary" busy={busy} disabled={!file} onClick={() => void run()}>
            Import
          </Button>
        </div>
        {progress ? (
          <div style={{ marginTop: 12 }}>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={progress.total}
              aria-valuenow={progress.done}
            >
              <div
                style={{
                  width: `${progress.total ? (100 * progress.done) / progress.total : 100}%`,
                }}
              />
            </div>
            <span className="muted">
              {progress.done} of {progress.total} rows
            </span>
          </div>
        ) : null}
      </div>
      <ErrorBanner error={error} />
      {report ? (
        <div className="card" data-testid="import-report">
          <div className={report.failed ? 'banner-warn' : 'banner-ok'}>{reportLine(report)}</div>
          {report.errors.length > 0 ? (
            <table aria-label="Refused rows">
              <thead>
                <tr>
                  <th>Line</th>
                  <th>Column</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{e.field ? (COLUMN[e.field] ?? e.field) : '—'}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
