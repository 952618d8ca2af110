import type WinkNlp from 'wink-nlp';
import type { BriefNlp, PartOfSpeech, TaggedToken } from './brief-nlp.port';

type Wink = ReturnType<typeof WinkNlp>;

let shared: Wink | undefined;

/**
 * The model takes ~100 ms and ~20 MB (4 MB of code and its tables) to load;
 * it is required once, on first use, so that a process that never plans
 * offline (an API replica, a worker with an LLM) never holds it.
 */
function wink(): Wink {
  if (!shared) {
    // Both are CommonJS modules whose export is the function or the model itself.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const winkNLP = require('wink-nlp') as typeof WinkNlp;
    const model = require('wink-eng-lite-web-model') as Parameters<typeof WinkNlp>[0];
    /* eslint-enable @typescript-eslint/no-require-imports */
    shared = winkNLP(model, ['sbd', 'pos']);
  }
  return shared;
}

/** wink-nlp with its English lite web model (pure JavaScript, no network). */
export class WinkBriefNlp implements BriefNlp {
  tag(text: string): readonly TaggedToken[] {
    const nlp = wink();
    // wink's `its.*` helpers are plain functions made to be passed to `out()`; they use no `this`.
    /* eslint-disable @typescript-eslint/unbound-method */
    const { its } = nlp;
    const tokens = nlp.readDoc(text).tokens();
    const words: string[] = tokens.out();
    const tags = tokens.out(its.pos) as PartOfSpeech[];
    // Its typing of `its.lemma` does not fit `out()`; it returns one lemma per token.
    const lemmas: string[] = tokens.out(its.lemma as unknown as typeof its.value);
    /* eslint-enable @typescript-eslint/unbound-method */
    return words.map((word, i) => ({
      text: word,
      lemma: (lemmas[i] ?? word).toLowerCase(),
      pos: tags[i] ?? 'X',
    }));
  }
}

/** One shared analyser: stateless once the model is loaded. */
export const defaultBriefNlp: BriefNlp = new WinkBriefNlp();
