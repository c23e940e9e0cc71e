// PDF text for the knowledge base, with unpdf (PDF.js's serverless build, pure JavaScript). Text
// only: a scanned PDF (images) has none, and the upload says so rather than storing nothing.
import { extractText, getDocumentProxy } from 'unpdf';

export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** The PDF's text, pages separated by blank lines; throws when the bytes are not a readable PDF. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(bytes);
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join('\n\n');
  } finally {
    // Frees the worker-side document (the serverless build runs it in this process).
    await pdf.loadingTask.destroy();
  }
}
