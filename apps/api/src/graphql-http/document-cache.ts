import type { DocumentNode } from 'graphql';

/**
 * Parsed and validated documents by their text, least recently used dropped
 * first. A client sends the same few documents over and over: each is parsed
 * and run through every validation rule (depth, aliases, cost, expensive
 * fields) once, not per request. Only documents that passed are kept; the
 * bound is on their total text length, so a flood of large distinct
 * documents cannot grow the process.
 */
export class DocumentCache {
  private readonly entries = new Map<string, DocumentNode>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string): DocumentNode | undefined {
    const document = this.entries.get(text);
    if (document) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.entries.delete(text);
      this.entries.set(text, document);
    }
    return document;
  }

  set(text: string, document: DocumentNode): void {
    if (text.length > this.maxChars || this.entries.has(text)) return;
    this.entries.set(text, document);
    this.size += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(oldest);
      this.size -= oldest.length;
    }
  }
}
