import { describe, expect, it } from 'vitest';
import { en as publicEn, fa as publicFa, publicParts } from './messages';
import { workspaceEn, workspaceFa, workspaceParts } from './messages.workspace';

const fa = { ...publicFa, ...workspaceFa };
const en = { ...publicEn, ...workspaceEn };
const parts = { ...publicParts, ...workspaceParts };

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

describe('each part of the app (the shared strings and every feature)', () => {
  for (const [name, part] of Object.entries(parts)) {
    it(`${name}: the same keys in Persian and English, under the same top-level keys`, () => {
      expect(Object.keys(part.en).sort()).toEqual(Object.keys(part.fa).sort());
      expect([...leaves(part.en as Tree).keys()].sort()).toEqual([...leaves(part.fa as Tree).keys()].sort());
    });
  }

  it('claims keys no other part claims: a feature cannot overwrite another one’s strings', () => {
    const owner = new Map<string, string>();
    for (const [name, part] of Object.entries(parts)) {
      for (const key of Object.keys(part.fa)) {
        expect(owner.get(key), `«${key}» of ${name}`).toBeUndefined();
        owner.set(key, name);
      }
    }
    expect([...owner.keys()].sort()).toEqual(Object.keys(fa).sort());
  });

  it('the public pages and the workspace do not share a key: one would hide the other once loaded', () => {
    for (const key of Object.keys(workspaceFa)) expect(Object.keys(publicFa), key).not.toContain(key);
  });
});
