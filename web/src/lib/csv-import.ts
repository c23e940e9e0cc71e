// Client side of the CSV import: the file is sent in chunks (each with the header line) so the page
// can show real progress; the server's per-chunk line numbers are turned back into file lines.

/** Splits CSV text into records (lines), keeping quoted newlines inside their record. */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      records.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start).replace(/\r$/, ''));
  return records.filter((r) => r.trim() !== '');
}

export interface CsvChunk {
  csv: string;
  /** File line of the chunk's first data row (the header is line 1). */
  firstLine: number;
  rows: number;
}

export function csvChunks(text: string, rowsPerChunk = 250): CsvChunk[] {
  const [header, ...rows] = csvRecords(text);
  if (header === undefined) return [];
  if (rows.length === 0) return [{ csv: `${header}\n`, firstLine: 2, rows: 0 }];
  const chunks: CsvChunk[] = [];
  for (let i = 0; i < rows.length; i += rowsPerChunk) {
    const part = rows.slice(i, i + rowsPerChunk);
    chunks.push({ csv: `${header}\n${part.join('\n')}\n`, firstLine: i + 2, rows: part.length });
  }
  return chunks;
}

export interface ImportRowError {
  row: number;
  field?: string | null;
  message: string;
}

export interface ImportReport {
  rows: number;
  imported: number;
  /** Units already in inventory (same VIN) the file changed / matched without change. */
  updated: number;
  unchanged: number;
  failed: number;
  errors: ImportRowError[];
}

/** Adds one chunk's result (its rows numbered from 2) to the running report (file line numbers). */
export function mergeChunk(
  report: ImportReport,
  chunk: CsvChunk,
  result: ImportReport,
): ImportReport {
  return {
    rows: report.rows + result.rows,
    imported: report.imported + result.imported,
    updated: report.updated + result.updated,
    unchanged: report.unchanged + result.unchanged,
    failed: report.failed + result.failed,
    errors: [
      ...report.errors,
      ...result.errors.map((e) => ({ ...e, row: e.row - 2 + chunk.firstLine })),
    ],
  };
}

export const EMPTY_REPORT: ImportReport = {
  rows: 0,
  imported: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  errors: [],
};

/** "3 imported, 120 updated by VIN, 5 unchanged, 2 refused, of 130 rows." */
export function reportLine(r: ImportReport): string {
  const parts = [`${r.imported} imported`];
  if (r.updated) parts.push(`${r.updated} updated by VIN`);
  if (r.unchanged) parts.push(`${r.unchanged} unchanged`);
  parts.push(`${r.failed} refused`);
  return `${parts.join(', ')}, of ${r.rows} rows.`;
}
