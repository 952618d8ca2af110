import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { BriefNlp, PartOfSpeech, TaggedToken } from './brief-nlp.port';

type Wink = ReturnType<typeof winkNLP>;

let shared: Wink | undefined;

/** The model takes ~100 ms to load; it is loaded once, on first use. */
function wink(): Wink {
  shared ??= winkNLP(model, ['sbd', 'pos']);
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
