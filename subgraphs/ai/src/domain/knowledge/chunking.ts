// Splits a document into passages the retriever can return and the model can quote: Markdown by its
// headings (each chunk carries "Title › Section" so a passage says where it is from), then by
// paragraphs packed up to MAX_CHUNK characters; a longer paragraph is cut at sentence ends, a longer
// sentence at a space. Plain text and PDF text have no headings: one section under the title.

export const MAX_CHUNK = 900;

export interface Chunk {
  ordinal: number;
  heading: string;
  text: string;
}

interface Section {
  heading: string;
  body: string;
}

export function normalizeText(raw: string): string {
  return (
    raw
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- NUL and other control bytes from PDFs
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

function markdownSections(title: string, text: string): Section[] {
  const sections: Section[] = [];
  const path: string[] = [];
  let body: string[] = [];
  const flush = () => {
    const joined = body.join('\n').trim();
    // A top heading that repeats the title (a file's "# Title" uploaded under that title) once.
    const names = path.filter((p, i) => p && !(i === 0 && p.toLowerCase() === title.toLowerCase()));
    if (joined) sections.push({ heading: [title, ...names].join(' › '), body: joined });
    body = [];
  };
  for (const line of text.split('\n')) {
    const h = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!h) {
      body.push(line);
      continue;
    }
    flush();
    const level = h[1]!.length;
    path.length = level - 1;
    path[level - 1] = h[2]!;
  }
  flush();
  return sections;
}

/** Pieces of at most `max` characters: sentences, or words for a sentence longer than that. */
function splitLong(paragraph: string, max: number): string[] {
  if (paragraph.length <= max) return [paragraph];
  const out: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (current && current.length + 1 + piece.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current} ${piece}` : piece;
  };
  for (const sentence of paragraph.split(/(?<=[.!?;:])\s+/)) {
    if (sentence.length <= max) push(sentence);
    else for (const word of sentence.split(/\s+/)) push(word.slice(0, max));
  }
  if (current) out.push(current);
  return out;
}

export function chunkDocument(
  title: string,
  format: 'TEXT' | 'MARKDOWN' | 'PDF',
  raw: string,
): Chunk[] {
  const text = normalizeText(raw);
  const sections =
    format === 'MARKDOWN' ? markdownSections(title, text) : [{ heading: title, body: text }];
  const chunks: Chunk[] = [];
  for (const section of sections) {
    let current = '';
    const emit = () => {
      if (current.trim()) {
        chunks.push({ ordinal: chunks.length, heading: section.heading, text: current.trim() });
      }
      current = '';
    };
    for (const paragraph of section.body.split(/\n\s*\n/)) {
      for (const piece of splitLong(paragraph.trim(), MAX_CHUNK)) {
        if (current && current.length + 2 + piece.length > MAX_CHUNK) emit();
        current = current ? `${current}\n\n${piece}` : piece;
      }
    }
    emit();
  }
  return chunks;
}
