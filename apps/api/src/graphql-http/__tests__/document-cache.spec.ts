import { parse } from 'graphql';
import { DocumentCache } from '../document-cache';

describe('DocumentCache', () => {
  it('keeps documents up to its bound on their text, dropping the least recently used', () => {
    const a = '{ a }';
    const b = '{ bb }';
    const c = '{ ccc }';
    const cache = new DocumentCache(a.length + b.length + 1);
    cache.set(a, parse(a));
    cache.set(b, parse(b));
    expect(cache.get(a)).toBeDefined(); // a is now the most recently used
    cache.set(c, parse(c));
    expect(cache.get(b)).toBeUndefined();
    expect(cache.get(a)).toBeDefined();
    expect(cache.get(c)).toBeDefined();
  });

  it('never keeps a document longer than the whole bound', () => {
    const cache = new DocumentCache(5);
    cache.set('{ long }', parse('{ long }'));
    expect(cache.get('{ long }')).toBeUndefined();
  });
});
