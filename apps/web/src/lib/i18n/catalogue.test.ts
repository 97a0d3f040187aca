import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fa } from './fa';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** `{{name}}` placeholders and `<tag>` markers a translation must keep. */
const tokens = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}|<\/?(\w+)>/g)].map((m) => m[0].replace(/\s/g, '')).sort();

describe('message catalogues', () => {
  const faLeaves = leaves(fa);
  const enLeaves = leaves(en);

  it('have the same keys in Persian and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...faLeaves.keys()].sort());
  });

  it('keep every placeholder and tag in both languages', () => {
    for (const [key, text] of faLeaves) {
      expect(tokens(enLeaves.get(key) ?? ''), key).toEqual(tokens(text));
    }
  });

  it('write Persian with Persian letters: no Arabic ي or ك', () => {
    for (const [key, text] of faLeaves) expect(text, key).not.toMatch(/[يك]/);
  });
});
