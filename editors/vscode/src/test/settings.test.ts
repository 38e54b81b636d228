// Unit tests for the settings mapping (no VS Code needed): `node --test out/test/`.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  DiagnosticLike,
  explainArgs,
  bundledPath,
  displayLang,
  expandPath,
  hoverWithExplainLinks,
  parseRules,
  resolveServerPath,
  ruleOf,
  rulesAt,
  toServerSettings,
} from '../settings';

describe('toServerSettings', () => {
  it('gives the server defaults for empty settings', () => {
    assert.deepEqual(toServerSettings({}), { settings: { severity: {}, enable: true }, problems: [] });
  });

  it('maps the VS Code defaults: lang "auto" is left to arendelint.toml, path is not sent', () => {
    const { settings, problems } = toServerSettings({ path: '/opt/arendelint', lang: 'auto', severity: {}, enable: true });
    assert.deepEqual(settings, { severity: {}, enable: true });
    assert.equal('lang' in settings, false);
    assert.equal('path' in settings, false);
    assert.deepEqual(problems, []);
  });

  it('forwards lang, enable and severities in the server shape', () => {
    const { settings, problems } = toServerSettings({
      lang: 'en',
      enable: false,
      severity: { JAM003: 'off', jam004: 'Error', ' JAM007 ': 'info', JAM002: 'warning' },
    });
    assert.deepEqual(settings, {
      lang: 'en',
      enable: false,
      severity: { JAM003: 'off', JAM004: 'error', JAM007: 'info', JAM002: 'warning' },
    });
    assert.deepEqual(problems, []);
    // What the server's Settings::from_json accepts: only these keys.
    assert.deepEqual(Object.keys(settings).sort(), ['enable', 'lang', 'severity']);
  });

  it('maps lang "auto" to VS Code\'s display language when it is given', () => {
    assert.equal(toServerSettings({ lang: 'auto' }, 'en').settings.lang, 'en');
    assert.equal(toServerSettings({ lang: 'auto' }, 'sv').settings.lang, 'sv');
    assert.equal(toServerSettings({}, 'de').settings.lang, 'en');
    assert.equal(toServerSettings({ lang: 'sv' }, 'en').settings.lang, 'sv');
    assert.equal(toServerSettings({ lang: 'en' }, 'sv').settings.lang, 'en');
    assert.deepEqual(
      ['sv', 'SV', 'sv-SE', 'sv_FI', 'en', 'en-gb', 'de', 'svx', ''].map(displayLang),
      ['sv', 'sv', 'sv', 'sv', 'en', 'en', 'en', 'en', 'en'],
    );
  });

  it('accepts Swedish and upper-case language codes', () => {
    assert.equal(toServerSettings({ lang: 'SV' }).settings.lang, 'sv');
  });

  it('skips invalid entries, keeps the rest, and reports each', () => {
    const { settings, problems } = toServerSettings({
      lang: 'de',
      enable: 'yes',
      severity: { JAM003: 'loud', JAMX: 'off', JAM005: 'off', JAM006: 3 },
    });
    assert.deepEqual(settings, { severity: { JAM005: 'off' }, enable: true });
    assert.deepEqual(
      problems.map((p) => p.setting),
      ['arendelint.enable', 'arendelint.lang', 'arendelint.severity.JAM003', 'arendelint.severity.JAMX', 'arendelint.severity.JAM006'],
    );
  });

  it('reports a severity that is not an object', () => {
    for (const severity of ['off', ['JAM003'], 4]) {
      const { settings, problems } = toServerSettings({ severity });
      assert.deepEqual(settings.severity, {});
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.setting, 'arendelint.severity');
    }
  });

  it('treats null like a missing value', () => {
    assert.deepEqual(toServerSettings({ lang: null, severity: null, enable: null }).problems, []);
  });

  it('produces JSON the server can read (round trip)', () => {
    const { settings } = toServerSettings({ lang: 'sv', severity: { jam001: 'off' } });
    assert.equal(JSON.stringify(settings), '{"severity":{"JAM001":"off"},"enable":true,"lang":"sv"}');
  });
});

describe('explainArgs', () => {
  it('passes --lang only when a language is set', () => {
    assert.deepEqual(explainArgs('JAM003', 'en'), ['explain', 'JAM003', '--lang', 'en']);
    assert.deepEqual(explainArgs('JAM003', undefined), ['explain', 'JAM003']);
  });
});

describe('resolveServerPath', () => {
  const env = { PATH: ['/usr/local/bin', '/usr/bin'].join(path.posix.delimiter) };
  const home = '/home/anna';
  const ctx = (existing: string[]) => ({
    env,
    home,
    platform: 'linux' as NodeJS.Platform,
    workspaceFolder: '/work/arenden',
    isExecutable: (file: string) => existing.includes(file),
  });

  it('finds arendelint on PATH when no path is set', () => {
    assert.deepEqual(resolveServerPath('', ctx(['/usr/bin/arendelint'])), { found: true, command: '/usr/bin/arendelint' });
  });

  it('falls back to ~/.cargo/bin, where cargo install puts it', () => {
    assert.deepEqual(resolveServerPath(undefined, ctx(['/home/anna/.cargo/bin/arendelint'])), {
      found: true,
      command: '/home/anna/.cargo/bin/arendelint',
    });
  });

  it('reports what it tried when the binary is missing', () => {
    const r = resolveServerPath('', ctx([]));
    assert.equal(r.found, false);
    if (!r.found) {
      assert.equal(r.configured, false);
      assert.deepEqual(r.tried, ['/usr/local/bin/arendelint', '/usr/bin/arendelint', '/home/anna/.cargo/bin/arendelint']);
    }
  });

  it('tries each folder once when PATH repeats one', () => {
    const r = resolveServerPath('', {
      ...ctx([]),
      env: { PATH: ['/home/anna/.cargo/bin', '/usr/bin', '/home/anna/.cargo/bin'].join(path.posix.delimiter) },
    });
    assert.deepEqual(r, { found: false, tried: ['/home/anna/.cargo/bin/arendelint', '/usr/bin/arendelint'], configured: false });
  });

  it('prefers the bundled program to PATH unless arendelint.path is set', () => {
    const bundled = bundledPath('/home/anna/.vscode/extensions/arendelint.arendelint-0.1.0-linux-x64', 'linux');
    assert.equal(bundled, '/home/anna/.vscode/extensions/arendelint.arendelint-0.1.0-linux-x64/bin/arendelint');
    const existing = [bundled, '/usr/bin/arendelint', '/opt/a/arendelint'];
    assert.deepEqual(resolveServerPath('', { ...ctx(existing), bundled }), { found: true, command: bundled });
    assert.deepEqual(resolveServerPath('/opt/a/arendelint', { ...ctx(existing), bundled }), { found: true, command: '/opt/a/arendelint' });
    assert.deepEqual(resolveServerPath('', { ...ctx([]), bundled }), {
      found: false,
      tried: [bundled, '/usr/local/bin/arendelint', '/usr/bin/arendelint', '/home/anna/.cargo/bin/arendelint'],
      configured: false,
    });
    assert.equal(bundledPath('C:\\ext', 'win32'), 'C:\\ext\\bin\\arendelint.exe');
  });

  it('uses the configured path, expanding ~ and ${workspaceFolder}, relative to the workspace', () => {
    assert.deepEqual(resolveServerPath('~/bin/arendelint', ctx(['/home/anna/bin/arendelint'])), {
      found: true,
      command: '/home/anna/bin/arendelint',
    });
    assert.deepEqual(resolveServerPath('${workspaceFolder}/target/debug/arendelint', ctx(['/work/arenden/target/debug/arendelint'])), {
      found: true,
      command: '/work/arenden/target/debug/arendelint',
    });
    assert.deepEqual(resolveServerPath('target/release/arendelint', ctx(['/work/arenden/target/release/arendelint'])), {
      found: true,
      command: '/work/arenden/target/release/arendelint',
    });
  });

  it('does not fall back to PATH when a configured path is missing', () => {
    const r = resolveServerPath('/opt/arendelint/bin/arendelint', ctx(['/usr/bin/arendelint']));
    assert.deepEqual(r, { found: false, tried: ['/opt/arendelint/bin/arendelint'], configured: true });
  });

  it('looks a bare configured name up on PATH', () => {
    assert.deepEqual(resolveServerPath('arendelint-dev', ctx(['/usr/local/bin/arendelint-dev'])), {
      found: true,
      command: '/usr/local/bin/arendelint-dev',
    });
  });

  it('tries .exe and PATHEXT on Windows', () => {
    const r = resolveServerPath('', {
      env: { Path: 'C:\\tools;C:\\Users\\anna\\bin', PATHEXT: '.EXE;.CMD' },
      home: 'C:\\Users\\anna',
      platform: 'win32',
      isExecutable: (f) => f === 'C:\\Users\\anna\\.cargo\\bin\\arendelint.exe',
    });
    assert.deepEqual(r, { found: true, command: 'C:\\Users\\anna\\.cargo\\bin\\arendelint.exe' });
  });

  it('expands ${env:NAME} and ${userHome}', () => {
    assert.equal(expandPath('${env:TOOLS}/arendelint', { env: { TOOLS: '/opt/t' }, home }), '/opt/t/arendelint');
    assert.equal(expandPath('${userHome}/x', { env: {}, home }), '/home/anna/x');
  });
});

describe('rulesAt', () => {
  const d = (code: DiagnosticLike['code'], l1: number, c1: number, l2: number, c2: number, source = 'arendelint'): DiagnosticLike => ({
    source,
    code,
    range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } },
  });
  const diagnostics = [
    d('JAM001', 0, 0, 0, 24),
    d('JAM003', 4, 29, 4, 40),
    d({ value: 'JAM005' }, 4, 0, 6, 0),
    d('MD013', 4, 0, 4, 80, 'markdownlint'),
    d('JAM004', 6, 15, 6, 29),
  ];

  it('finds the finding under the cursor, innermost first, and ignores other linters', () => {
    assert.deepEqual(rulesAt(diagnostics, { line: 4, character: 33 }), ['JAM003', 'JAM005']);
    assert.deepEqual(rulesAt(diagnostics, { line: 4, character: 40 }), ['JAM003', 'JAM005']);
    assert.deepEqual(rulesAt(diagnostics, { line: 6, character: 20 }), ['JAM004']);
  });

  it('takes a finding on the cursor line when none contains the cursor', () => {
    assert.deepEqual(rulesAt(diagnostics, { line: 0, character: 30 }), ['JAM001']);
    assert.deepEqual(rulesAt(diagnostics, { line: 2, character: 0 }), []);
  });

  it('reads rule ids only from arendelint diagnostics', () => {
    assert.equal(ruleOf(d('jam002', 0, 0, 0, 1)), 'JAM002');
    assert.equal(ruleOf(d('JAM002', 0, 0, 0, 1, 'other')), undefined);
    assert.equal(ruleOf(d(undefined, 0, 0, 0, 1)), undefined);
  });
});

describe('parseRules', () => {
  it('reads `arendelint rules --format json`', () => {
    const json = '[{"id":"JAM001","name":"missing-gender-section","level":"document","default_severity":"error","severity":"error"}]';
    assert.deepEqual(parseRules(json), [{ id: 'JAM001', name: 'missing-gender-section', severity: 'error' }]);
    assert.throws(() => parseRules('{}'));
  });
});

describe('hoverWithExplainLinks', () => {
  it('turns documentation links into explain-command links and leaves other links', () => {
    assert.equal(
      hoverWithExplainLinks('a [Full explanation](https://x.org/b/en/ARL001.md) [web](https://x.org/y)'),
      'a [Full explanation](command:arendelint.explainRule?%5B%22ARL001%22%5D) [web](https://x.org/y)',
    );
  });
});
