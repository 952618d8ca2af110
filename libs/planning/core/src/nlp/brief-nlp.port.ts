/** Part of speech, Universal Dependencies tags. */
export type PartOfSpeech =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB'
  | 'X'
  | 'SPACE';

export interface TaggedToken {
  /** As written. */
  readonly text: string;
  /** Lower-case base form: `tools` → `tool`, `reserving` → `reserve`. */
  readonly lemma: string;
  readonly pos: PartOfSpeech;
}

/**
 * The language analysis the planner needs: part-of-speech tags and lemmas
 * of one sentence. Deterministic; the same text always gives the same tags.
 */
export interface BriefNlp {
  tag(text: string): readonly TaggedToken[];
}
