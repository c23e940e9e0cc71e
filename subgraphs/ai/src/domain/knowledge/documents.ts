// The dealership's knowledge documents: upload (text, Markdown, or a PDF's text), list, delete.
// Upload checks everything before writing; the document, its chunks and the audit entry are one
// transaction. Managing needs ai.documents.manage (the graph checks it); reading is ai.chat.
import { changesOf, recordAudit, tenantOf, type Database, type Principal } from '@autolytiq/kit';
import { badInput, isUuid, notFound, parse } from '@autolytiq/kit/core';
import {
  deleteDocument,
  insertChunks,
  insertDocument,
  listDocuments,
  type DocumentFormat,
  type DocumentRecord,
} from '../../store/knowledge-store.ts';
import { chunkDocument, normalizeText, type Chunk } from './chunking.ts';
import type { Embedder } from './embedder.ts';
import { MAX_PDF_BYTES, pdfText } from './pdf.ts';

export const MAX_DOCUMENT_CHARACTERS = 1_000_000;
const MAX_LIST = 500;
const FORMATS: readonly DocumentFormat[] = ['TEXT', 'MARKDOWN', 'PDF'];

export interface UploadInput {
  title: string;
  format: DocumentFormat;
  /** The text, or for PDF the file's bytes in base64. */
  content: string;
}

async function textOf(format: DocumentFormat, content: string): Promise<string> {
  if (format !== 'PDF') return content;
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content)) {
    throw badInput('input.content', 'A PDF must be sent as base64.');
  }
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length > MAX_PDF_BYTES) {
    throw badInput('input.content', `The PDF is larger than ${MAX_PDF_BYTES / 1024 / 1024} MB.`);
  }
  try {
    return await pdfText(new Uint8Array(bytes));
  } catch {
    throw badInput('input.content', 'This is not a PDF that can be read.');
  }
}

export class DocumentService {
  constructor(
    private readonly db: Database,
    private readonly embedder: Embedder | null = null,
    private readonly log: (message: string, details: Record<string, unknown>) => void = () =>
      undefined,
  ) {}

  async upload(principal: Principal, raw: UploadInput): Promise<DocumentRecord> {
    const title = parse.requiredText('input.title', raw.title, 200);
    if (!FORMATS.includes(raw.format)) throw badInput('input.format', 'Unknown format.');
    const text = normalizeText(await textOf(raw.format, raw.content ?? ''));
    if (text.length > MAX_DOCUMENT_CHARACTERS) {
      throw badInput(
        'input.content',
        `The document is longer than ${MAX_DOCUMENT_CHARACTERS} characters.`,
      );
    }
    const chunks = chunkDocument(title, raw.format, text);
    if (chunks.length === 0) {
      throw badInput(
        'input.content',
        raw.format === 'PDF'
          ? 'This PDF has no text (a scanned image?): upload its text instead.'
          : 'The document has no text.',
      );
    }
    const vectors = await this.embed(chunks);
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const document = await insertDocument(em, {
        dealershipId: principal.dealershipId,
        title,
        format: raw.format,
        characters: text.length,
        chunkCount: chunks.length,
        uploaderId: isUuid(principal.userId) ? principal.userId : null,
        uploaderName: principal.username ?? null,
      });
      await insertChunks(em, principal.dealershipId, document.id, chunks, vectors);
      await recordAudit(em, {
        source: 'ai',
        entityType: 'AssistantDocument',
        entityId: document.id,
        action: 'create',
        changes: changesOf(null, { title, format: raw.format, chunkCount: chunks.length }),
      });
      return document;
    });
  }

  async remove(principal: Principal, rawId: string): Promise<DocumentRecord> {
    const id = parse.id('id', rawId);
    return this.db.withTenant(tenantOf(principal), async (em) => {
      const gone = await deleteDocument(em, id);
      if (!gone) throw notFound('No such document.');
      await recordAudit(em, {
        source: 'ai',
        entityType: 'AssistantDocument',
        entityId: id,
        action: 'delete',
        changes: changesOf({ title: gone.title, format: gone.format }, null),
      });
      return gone;
    });
  }

  list(principal: Principal): Promise<DocumentRecord[]> {
    return this.db.withTenant(tenantOf(principal), (em) => listDocuments(em, MAX_LIST));
  }

  /** The chunks' vectors when an embeddings model is configured; a failure stores none (lexical still works). */
  private async embed(chunks: readonly Chunk[]): Promise<number[][] | null> {
    if (!this.embedder) return null;
    try {
      return await this.embedder.embed(chunks.map((c) => `${c.heading}\n${c.text}`));
    } catch (error) {
      this.log('embeddings failed: the document is stored without vectors', { err: error });
      return null;
    }
  }
}
