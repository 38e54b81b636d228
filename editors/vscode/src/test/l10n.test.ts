// Every UI string has a Swedish translation: package.nls(.sv).json for the
// manifest, l10n/bundle.l10n.sv.json for the strings of `vscode.l10n.t`.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const json = (file: string): Record<string, unknown> => JSON.parse(read(file)) as Record<string, unknown>;

function runtimeStrings(): string[] {
  const source = fs
    .readdirSync(path.join(root, 'src'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => read(path.join('src', f)))
    .join('\n');
  const strings: string[] = [];
  for (const m of source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
    strings.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
  }
  return strings;
}

describe('localisation', () => {
  it('has an English and a Swedish text for every %key% in package.json', () => {
    const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] ?? '');
    assert.ok(keys.length > 10, `only ${keys.length} keys`);
    const en = json('package.nls.json');
    const sv = json('package.nls.sv.json');
    for (const key of keys) {
      assert.equal(typeof en[key], 'string', `package.nls.json lacks ${key}`);
      assert.equal(typeof sv[key], 'string', `package.nls.sv.json lacks ${key}`);
    }
    assert.deepEqual(Object.keys(sv).sort(), Object.keys(en).sort(), 'the same keys in both');
    assert.deepEqual(Object.keys(en).sort(), [...new Set(keys)].sort(), 'no unused keys');
  });

  it('has a Swedish translation for every runtime string, with the same placeholders', () => {
    const strings = runtimeStrings();
    assert.ok(strings.length >= 8, `found only ${strings.length} strings`);
    const sv = json('l10n/bundle.l10n.sv.json');
    for (const s of strings) {
      const t = sv[s];
      assert.equal(typeof t, 'string', `no Swedish for: ${s}`);
      const holes = (x: string) => [...x.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
      assert.deepEqual(holes(t as string), holes(s), `placeholders differ for: ${s}`);
    }
    assert.deepEqual(Object.keys(sv).sort(), [...new Set(strings)].sort(), 'no stale Swedish strings');
  });
});
