import { DomainError } from '@splitwork/kernel';
import { Requirement, RequirementFlag, RequirementKind } from './plan.types';
import {
  collapseWhitespace,
  normaliseForComparison,
  stripInlineMarkdown,
  truncateText,
  wordCount,
} from './text.util';

export const MAX_BRIEF_CHARS = 100_000;
const MAX_REQUIREMENT_CHARS = 600;

type Block =
  | { readonly type: 'blank'; readonly line: number }
  | {
      readonly type: 'heading';
      readonly level: number;
      readonly text: string;
      readonly line: number;
    }
  | {
      readonly type: 'item';
      readonly ordered: boolean;
      readonly indent: number;
      readonly text: string;
      readonly line: number;
    }
  | { readonly type: 'text'; readonly indent: number; readonly text: string; readonly line: number }
  | {
      readonly type: 'table-row';
      readonly cells: readonly string[];
      readonly separator: boolean;
      readonly line: number;
    };

interface Candidate {
  text: string;
  readonly kind: RequirementKind;
  readonly line: number;
  readonly section?: string;
  readonly leadIn?: string;
}

const USER_STORY =
  /^\s*as (?:an?|the)\s+[^,.]{1,80}?,?\s+i\s+(?:want|need|would like|wish|expect|can|should be able|am able)\b/i;

const BULLET = /^(\s*)[-*+•◦▪‣–]\s+(.*)$/;
const NUMBERED = /^(\s*)(?:\d{1,3}[.)]|[a-z]\))\s+(.*)$/;
const CHECKBOX = /^\[[ xX]\]\s*/;
const ATX_HEADING = /^(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const SETEXT_UNDERLINE = /^(={2,}|-{2,})$/;
const THEMATIC_BREAK = /^([-*_])(\s*\1){2,}$/;
const TABLE_ROW = /^\|.*\|$/;
const REQUIREMENT_LABEL =
  /^(?:(?:[A-Z]{1,5}[-_ ]?\d{1,4}|R\d{1,4})[.:)]|\[[A-Z]{0,5}-?\d{1,4}\])\s+/;

/** Headings that only organise the brief; they never become requirements nor feature names. */
const GENERIC_HEADINGS = new Set([
  'overview',
  'introduction',
  'intro',
  'background',
  'context',
  'summary',
  'about',
  'about us',
  'requirements',
  'functional requirements',
  'non functional requirements',
  'nonfunctional requirements',
  'features',
  'feature list',
  'key features',
  'core features',
  'main features',
  'scope',
  'in scope',
  'goals',
  'objectives',
  'user stories',
  'stories',
  'notes',
  'other',
  'misc',
  'miscellaneous',
  'details',
  'description',
  'project',
  'brief',
  'project brief',
  'mvp',
  'must have',
  'must haves',
  'should have',
  'could have',
  'nice to have',
  'nice to haves',
  'appendix',
  'timeline',
  'budget',
  'contact',
  'questions',
  'open questions',
  'assumptions',
  'constraints',
  'deliverables',
  'contents',
  'table of contents',
  'tbd',
  'todo',
  'platforms',
  'tech stack',
  'stack',
  'users',
  'audience',
  'target audience',
]);

const OUT_OF_SCOPE =
  /\b(out of scope|not in scope|non goals?|won t do|wont do|not included|excluded|exclusions|future phases?|later phases?|phase 2|v2|not now)\b/;

const TRIVIAL = new Set([
  'tbd',
  'tbc',
  'todo',
  'na',
  'n a',
  'none',
  'etc',
  'misc',
  'other',
  'others',
  'more',
  'and more',
  'see above',
  'see below',
  'more to come',
]);

const GREETING =
  /^(hi|hello|hey|dear|thanks|thank you|many thanks|cheers|regards|best|kind regards|best regards|sincerely|looking forward)\b/;

const METADATA_LINE =
  /^(author|date|version|status|client|contact|prepared by|last updated|updated|owner|company|budget|deadline|timeline|launch date|target launch|email|phone)\s*[:–-]/i;

const INSTRUCTION_PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\s+(all\s+|any\s+)?(of\s+)?(the\s+|your\s+|my\s+|these\s+|those\s+)?(previous|prior|above|earlier|preceding|system|original|initial)\b/i,
  /\b(ignore|disregard|forget)\s+(all|any|your)\s+(instructions|rules|prompts|guidelines)\b/i,
  /\bsystem prompt\b/i,
  /\byou are (now )?(an? )?(ai|assistant|chat ?bot|language model|llm|chatgpt|gpt)\b/i,
  /\b(output|return|respond with|reply with|print|produce)\s+(only\s+)?(an?\s+)?(empty|blank)\b/i,
  /\b(as an ai|act as (an? )?(ai|assistant|llm|language model))\b/i,
];

const SENTENCE_BOUNDARY = /[.!?…]+["'”’)\]]*\s+/g;
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'eg',
  'ie',
  'etc',
  'vs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'approx',
  'incl',
  'no',
  'fig',
  'cf',
  'inc',
  'ltd',
  'jr',
  'sr',
]);

/** Splits prose into sentences, keeping the offset at which each one starts. */
export function splitSentences(text: string): { text: string; start: number }[] {
  const sentences: { text: string; start: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(SENTENCE_BOUNDARY)) {
    const index = match.index;
    const end = index + match[0].length;
    const before = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(start, index))?.[1] ?? '';
    const word = before.toLowerCase().replace(/\.+$/, '');
    const next = text.charAt(end);
    const isAbbreviation = ABBREVIATIONS.has(word) || /^[A-Z]$/.test(before);
    const startsSentence = /[\p{Lu}\p{N}"'“‘(\[*_]/u.test(next);
    if (match[0].startsWith('.') && isAbbreviation) continue;
    if (!startsSentence) continue;
    const sentence = text.slice(start, end).trim();
    if (sentence.length > 0) sentences.push({ text: sentence, start });
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest.length > 0) sentences.push({ text: rest, start });
  return sentences;
}

function skipFrontMatter(lines: readonly string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < Math.min(lines.length, 60); i++) {
    const line = lines[i].trim();
    if (line === '---' || line === '...') return i + 1;
    if (line !== '' && !/^[\w-]+\s*:/.test(line)) return 0;
  }
  return 0;
}

function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

function tokenize(brief: string): Block[] {
  const lines = brief.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (let i = skipFrontMatter(lines); i < lines.length; i++) {
    const line = i + 1;
    let raw = lines[i].replace(/\t/g, '    ');
    if (fence !== undefined) {
      if (raw.trim().startsWith(fence)) fence = undefined;
      blocks.push({ type: 'blank', line });
      continue;
    }
    if (inComment) {
      const close = raw.indexOf('-->');
      if (close < 0) {
        blocks.push({ type: 'blank', line });
        continue;
      }
      inComment = false;
      raw = raw.slice(close + 3);
    }
    raw = raw.replace(/<!--.*?-->/g, '');
    const open = raw.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      raw = raw.slice(0, open);
    }
    const content = raw.replace(/^\s*(?:>\s?)+/, '');
    const trimmed = content.trim();
    const fenceOpen = /^(`{3,}|~{3,})/.exec(trimmed);
    if (fenceOpen) {
      fence = fenceOpen[1];
      blocks.push({ type: 'blank', line });
      continue;
    }
    if (trimmed === '') {
      blocks.push({ type: 'blank', line });
      continue;
    }
    const heading = ATX_HEADING.exec(trimmed);
    if (heading) {
      blocks.push({
        type: 'heading',
        level: heading[1].length,
        text: (heading[2] ?? '').trim(),
        line,
      });
      continue;
    }
    const previous = blocks[blocks.length - 1];
    if (SETEXT_UNDERLINE.test(trimmed) && previous?.type === 'text') {
      blocks[blocks.length - 1] = {
        type: 'heading',
        level: trimmed.startsWith('=') ? 1 : 2,
        text: previous.text.trim(),
        line: previous.line,
      };
      continue;
    }
    if (THEMATIC_BREAK.test(trimmed) || SETEXT_UNDERLINE.test(trimmed)) {
      blocks.push({ type: 'blank', line });
      continue;
    }
    if (TABLE_ROW.test(trimmed)) {
      const cells = trimmed
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim());
      const separator = cells.every((c) => /^:?-+:?$/.test(c));
      blocks.push({ type: 'table-row', cells, separator, line });
      continue;
    }
    const bullet = BULLET.exec(content);
    const numbered = bullet ? null : NUMBERED.exec(content);
    const item = bullet ?? numbered;
    if (item) {
      blocks.push({
        type: 'item',
        ordered: numbered !== null,
        indent: item[1].length,
        text: item[2].replace(CHECKBOX, ''),
        line,
      });
      continue;
    }
    blocks.push({ type: 'text', indent: indentOf(content), text: trimmed, line });
  }
  return blocks;
}

/** True for headings such as "Overview" or "Features" that organise a brief without naming anything. */
export function isGenericHeading(text: string): boolean {
  return GENERIC_HEADINGS.has(normaliseForComparison(text));
}

function isOutOfScope(text: string | undefined): boolean {
  return text !== undefined && OUT_OF_SCOPE.test(normaliseForComparison(text));
}

function isTrivial(text: string): boolean {
  const normal = normaliseForComparison(text);
  if (normal.replace(/[^\p{L}]/gu, '').length < 3) return true;
  if (TRIVIAL.has(normal)) return true;
  if (GREETING.test(normal) && wordCount(normal) <= 6) return true;
  if (METADATA_LINE.test(text)) return true;
  if (/^(https?:\/\/|www\.)\S+$/i.test(text)) return true;
  // A bare label such as "Features:" introduces something; alone it asks for nothing.
  if (/:\s*$/.test(text) && wordCount(text) <= 4) return true;
  return false;
}

function instructionFlags(text: string): RequirementFlag[] {
  return INSTRUCTION_PATTERNS.some((p) => p.test(text)) ? ['instruction-like'] : [];
}

function kindOf(text: string, fallback: RequirementKind): RequirementKind {
  return USER_STORY.test(stripInlineMarkdown(text)) ? 'user-story' : fallback;
}

class CandidateCollector {
  readonly candidates: Candidate[] = [];
  private readonly headings: { level: number; text: string }[] = [];
  private paragraph: { text: string; line: number }[] = [];
  private listLeadIn: string | undefined;
  private listStack: { indent: number; text: string }[] = [];
  private lastItem: Candidate | undefined;
  private lastItemIndent = 0;

  constructor(private readonly blocks: readonly Block[]) {}

  collect(): Candidate[] {
    this.blocks.forEach((block, index) => this.visit(block, index));
    this.flushParagraph(this.blocks.length);
    return this.candidates;
  }

  private get section(): string | undefined {
    const nearest = this.headings[this.headings.length - 1];
    return nearest && nearest.text.length > 0 ? nearest.text : undefined;
  }

  private get inOutOfScopeSection(): boolean {
    return this.headings.some((h) => isOutOfScope(h.text));
  }

  private nextSignificant(from: number): Block | undefined {
    for (let j = from; j < this.blocks.length; j++) {
      if (this.blocks[j].type !== 'blank') return this.blocks[j];
    }
    return undefined;
  }

  private visit(block: Block, index: number): void {
    switch (block.type) {
      case 'blank':
        this.flushParagraph(index + 1);
        return;
      case 'heading':
        this.flushParagraph(index + 1);
        this.endList();
        this.visitHeading(block, index);
        return;
      case 'item':
        this.flushParagraph(index);
        this.visitItem(block, index);
        return;
      case 'text':
        if (this.lastItem && block.indent >= Math.max(2, this.lastItemIndent + 1)) {
          this.lastItem.text = `${this.lastItem.text} ${block.text}`;
          return;
        }
        this.endList();
        this.paragraph.push({ text: block.text, line: block.line });
        return;
      case 'table-row':
        this.flushParagraph(index);
        this.listStack = [];
        this.lastItem = undefined;
        this.visitTableRow(block, index);
        return;
    }
  }

  private visitHeading(block: Extract<Block, { type: 'heading' }>, index: number): void {
    while (
      this.headings.length > 0 &&
      this.headings[this.headings.length - 1].level >= block.level
    ) {
      this.headings.pop();
    }
    const parentSection = this.section;
    const next = this.nextSignificant(index + 1);
    const isLeaf = next === undefined || (next.type === 'heading' && next.level <= block.level);
    const text = block.text.replace(/:\s*$/, '');
    if (
      isLeaf &&
      text.length > 0 &&
      !isGenericHeading(text) &&
      !isOutOfScope(text) &&
      !this.inOutOfScopeSection
    ) {
      this.candidates.push({
        text,
        kind: 'heading-item',
        line: block.line,
        section: parentSection,
      });
    }
    this.headings.push({ level: block.level, text });
  }

  private visitItem(block: Extract<Block, { type: 'item' }>, index: number): void {
    while (
      this.listStack.length > 0 &&
      this.listStack[this.listStack.length - 1].indent >= block.indent
    ) {
      this.listStack.pop();
    }
    const parent = this.listStack[this.listStack.length - 1];
    const leadIn = parent?.text ?? this.listLeadIn;
    const next = this.nextSignificant(index + 1);
    const introducesChildren =
      /:\s*$/.test(block.text) && next?.type === 'item' && next.indent > block.indent;
    this.listStack.push({ indent: block.indent, text: block.text.replace(/:\s*$/, '') });
    this.lastItemIndent = block.indent;
    if (introducesChildren || this.inOutOfScopeSection || isOutOfScope(leadIn)) {
      this.lastItem = undefined;
      return;
    }
    const candidate: Candidate = {
      text: block.text,
      kind: kindOf(block.text, block.ordered ? 'numbered' : 'bullet'),
      line: block.line,
      section: this.section,
      leadIn,
    };
    this.candidates.push(candidate);
    this.lastItem = candidate;
  }

  private visitTableRow(block: Extract<Block, { type: 'table-row' }>, index: number): void {
    const next = this.blocks[index + 1];
    if (block.separator || (next?.type === 'table-row' && next.separator)) return;
    if (this.inOutOfScopeSection || isOutOfScope(this.listLeadIn)) return;
    const text = block.cells.filter((c) => c.length > 0).join(' — ');
    this.candidates.push({
      text,
      kind: kindOf(text, 'bullet'),
      line: block.line,
      section: this.section,
      leadIn: this.listLeadIn,
    });
  }

  private endList(): void {
    this.listStack = [];
    this.lastItem = undefined;
    this.listLeadIn = undefined;
  }

  /** Turns the pending prose lines into sentences; a final "...:" before a list becomes its lead-in. */
  private flushParagraph(nextIndex: number): void {
    if (this.paragraph.length === 0) return;
    const lines = this.paragraph;
    this.paragraph = [];
    const offsets: { offset: number; line: number }[] = [];
    let joined = '';
    for (const l of lines) {
      if (joined.length > 0) joined += ' ';
      offsets.push({ offset: joined.length, line: l.line });
      joined += l.text;
    }
    const sentences = splitSentences(joined);
    const next = this.nextSignificant(nextIndex);
    const introducesList = next?.type === 'item' || next?.type === 'table-row';
    const last = sentences[sentences.length - 1];
    // "Admins can:" or a short unpunctuated label ("User stories") right before a list introduces it.
    const isLabel =
      last !== undefined &&
      (/:\s*$/.test(last.text) || (!/[.!?…]$/.test(last.text) && wordCount(last.text) <= 5));
    if (introducesList && isLabel) {
      sentences.pop();
      this.listLeadIn = last.text.replace(/:\s*$/, '');
    } else {
      this.listLeadIn = undefined;
    }
    if (this.inOutOfScopeSection) return;
    for (const sentence of sentences) {
      const line = offsets.filter((o) => o.offset <= sentence.start).pop()?.line ?? lines[0].line;
      this.candidates.push({
        text: sentence.text,
        kind: kindOf(sentence.text, 'sentence'),
        line,
        section: this.section,
      });
    }
  }
}

function cleanText(text: string): string {
  const plain = stripInlineMarkdown(text).replace(REQUIREMENT_LABEL, '');
  return truncateText(collapseWhitespace(plain), MAX_REQUIREMENT_CHARS);
}

/**
 * Finds the requirement lines of a plain-text or Markdown brief: list items,
 * numbered items, user stories, prose sentences, and headings that have
 * nothing under them. Headings otherwise only give context. Code blocks,
 * comments, out-of-scope sections, trivial and duplicate lines are skipped.
 * Ids are `R1..Rn` in the order of the brief, so the same brief always gives
 * the same requirements.
 */
export function extractRequirements(brief: string): Requirement[] {
  if (brief.length > MAX_BRIEF_CHARS) {
    throw DomainError.badInput(
      `The brief is ${brief.length} characters long; the limit is ${MAX_BRIEF_CHARS}`,
      { field: 'brief' },
    );
  }
  const candidates = new CandidateCollector(tokenize(brief)).collect();
  const seen = new Set<string>();
  const requirements: Requirement[] = [];
  for (const candidate of candidates) {
    const text = cleanText(candidate.text);
    if (isTrivial(text)) continue;
    const key = normaliseForComparison(text);
    if (seen.has(key)) continue;
    seen.add(key);
    const flags = instructionFlags(text);
    const section = candidate.section === undefined ? undefined : cleanText(candidate.section);
    const leadIn = candidate.leadIn === undefined ? undefined : cleanText(candidate.leadIn);
    requirements.push({
      id: `R${requirements.length + 1}`,
      text,
      kind: candidate.kind,
      line: candidate.line,
      ...(section ? { section } : {}),
      ...(leadIn ? { leadIn } : {}),
      ...(flags.length > 0 ? { flags } : {}),
    });
  }
  return requirements;
}

export function isInstructionLike(requirement: Requirement): boolean {
  return requirement.flags?.includes('instruction-like') ?? false;
}
