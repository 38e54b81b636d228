// The extension's glue (src/extension.ts) with stand-ins for `vscode` and
// `vscode-languageclient/node`: which client it creates and with what options,
// what it sends when settings change, the missing-program message, restart,
// and the explain command (with the real binary when ARENDELINT_BIN is set).
// No VS Code is needed or downloaded.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { toServerSettings } from '../settings';

const Module = require('module') as { _load: (request: string, ...rest: unknown[]) => unknown };

const disposable = { dispose: (): void => undefined };
const state = {
  config: {} as Record<string, unknown>,
  errors: [] as string[],
  warnings: [] as string[],
  log: [] as string[],
  commands: new Map<string, (...args: any[]) => any>(),
  executed: [] as unknown[][],
  providers: new Map<string, any>(),
  configListeners: [] as ((e: any) => void)[],
  diagnostics: [] as any[],
  activeTextEditor: undefined as any,
  quickPicks: [] as any[][],
  language: 'sv',
  remoteName: undefined as string | undefined,
};

const fakeVscode = {
  l10n: {
    t: (message: string, ...args: unknown[]): string => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])),
  },
  window: {
    createOutputChannel: () => ({ appendLine: (line: string) => state.log.push(line), show: () => undefined, dispose: () => undefined }),
    showErrorMessage: async (message: string) => {
      state.errors.push(message);
      return undefined;
    },
    showWarningMessage: async (message: string) => {
      state.warnings.push(message);
      return undefined;
    },
    showQuickPick: async (items: any[]) => {
      state.quickPicks.push(items);
      return items[0];
    },
    showTextDocument: async () => undefined,
    get activeTextEditor() {
      return state.activeTextEditor;
    },
  },
  workspace: {
    getConfiguration: () => ({ get: (key: string) => state.config[key] }),
    workspaceFolders: undefined,
    registerTextDocumentContentProvider: (scheme: string, provider: any) => {
      state.providers.set(scheme, provider);
      return disposable;
    },
    onDidChangeConfiguration: (listener: (e: any) => void) => {
      state.configListeners.push(listener);
      return disposable;
    },
    onDidGrantWorkspaceTrust: () => disposable,
    openTextDocument: async (uri: unknown) => ({ uri }),
  },
  languages: {
    registerCodeActionsProvider: () => disposable,
    getDiagnostics: () => state.diagnostics,
  },
  commands: {
    registerCommand: (id: string, fn: (...args: any[]) => any) => {
      state.commands.set(id, fn);
      return disposable;
    },
    executeCommand: async (...args: unknown[]) => {
      state.executed.push(args);
    },
  },
  env: {
    clipboard: { writeText: async () => undefined },
    get language() {
      return state.language;
    },
    get remoteName() {
      return state.remoteName;
    },
  },
  MarkdownString: class {
    isTrusted: unknown;
    constructor(public value: string) {}
  },
  Hover: class {
    constructor(
      public contents: unknown[],
      public range: unknown,
    ) {}
  },
  EventEmitter: class {
    event = () => disposable;
    fire(): void {}
    dispose(): void {}
  },
  CodeActionKind: { QuickFix: 'quickfix' },
  CodeAction: class {
    command: unknown;
    constructor(
      public title: string,
      public kind: unknown,
    ) {}
  },
  ViewColumn: { Beside: -2 },
  Uri: {
    from: (c: { scheme: string; path: string; query: string }) => ({ ...c, toString: () => `${c.scheme}:${c.path}?${c.query}` }),
  },
};

class FakeClient {
  static instances: FakeClient[] = [];
  notifications: [string, any][] = [];
  started = false;
  stopped = false;
  constructor(
    public id: string,
    public name: string,
    public serverOptions: any,
    public clientOptions: any,
  ) {
    FakeClient.instances.push(this);
  }
  async start(): Promise<void> {
    this.started = true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  async sendNotification(type: { method: string }, params: unknown): Promise<void> {
    this.notifications.push([type.method, params]);
  }
}
const fakeClientModule = {
  LanguageClient: FakeClient,
  DidChangeConfigurationNotification: { type: { method: 'workspace/didChangeConfiguration' } },
};

const realLoad = Module._load;
let ext: { activate: (context: any) => Promise<void>; deactivate: () => Promise<void> };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'arendelint-ext-'));
const fakeBin = (name: string): string => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return file;
};
const binA = fakeBin('arendelint-a');
const binB = fakeBin('arendelint-b');

/** Fires a configuration change for the given keys and waits for the extension to act on it. */
async function change(config: Record<string, unknown>, keys: string[]): Promise<void> {
  state.config = config;
  const event = {
    affectsConfiguration: (section: string) => section === 'arendelint' || keys.some((k) => section === `arendelint.${k}`),
  };
  for (const listener of state.configListeners) {
    listener(event);
  }
  await new Promise((r) => setTimeout(r, 20));
}
const last = (): FakeClient => {
  const c = FakeClient.instances[FakeClient.instances.length - 1];
  assert.ok(c !== undefined, 'no client created');
  return c;
};

describe('extension glue', () => {
  before(() => {
    Module._load = function (request: string, ...rest: unknown[]) {
      if (request === 'vscode') return fakeVscode;
      if (request === 'vscode-languageclient/node') return fakeClientModule;
      return realLoad.call(this, request, ...rest);
    };
    ext = require('../extension');
  });
  after(async () => {
    Module._load = realLoad;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('says how to install the program when it is missing, and starts no client', async () => {
    state.config = { path: path.join(tmp, 'missing', 'arendelint'), lang: 'auto', severity: {}, enable: true };
    await ext.activate({ subscriptions: [] });
    assert.equal(FakeClient.instances.length, 0);
    assert.equal(state.errors.length, 1);
    assert.match(state.errors[0] ?? '', /arendelint\.path/);
    assert.match(state.errors[0] ?? '', /cargo install --path \./);
    assert.equal(state.log.filter((l) => l.startsWith('[server] arendelint not found; tried: ')).length, 1);
    assert.ok(state.commands.has('arendelint.explainRule') && state.commands.has('arendelint.restartServer'));
  });

  it('starts `PROGRAM lsp` for Markdown and plain text once the path is set, with the mapped settings', async () => {
    await change({ path: binA, lang: 'en', severity: { jam003: 'off' }, enable: true }, ['path', 'lang', 'severity']);
    const c = last();
    assert.ok(c.started);
    assert.deepEqual(c.serverOptions.run, { command: binA, args: ['lsp'], options: {} });
    assert.deepEqual(
      c.clientOptions.documentSelector,
      ['file', 'untitled'].flatMap((scheme) => ['markdown', 'plaintext'].map((language) => ({ scheme, language }))),
    );
    assert.deepEqual(c.clientOptions.initializationOptions, { severity: { JAM003: 'off' }, enable: true, lang: 'en' });
  });

  it('answers workspace/configuration with the mapped settings, not the raw ones', () => {
    const answer = last().clientOptions.middleware.workspace.configuration(
      { items: [{ section: 'arendelint' }, { section: 'editor' }] },
      undefined,
      () => assert.fail('must not fall through to the raw settings'),
    );
    assert.deepEqual(answer, [toServerSettings(state.config, 'sv').settings, null]);
  });

  it('sends didChangeConfiguration with the mapped settings on a change, without a restart', async () => {
    const before = FakeClient.instances.length;
    await change({ path: binA, lang: 'auto', severity: { JAM004: 'error', bad: 'x' }, enable: false }, ['severity', 'enable', 'lang']);
    assert.equal(FakeClient.instances.length, before);
    assert.deepEqual(last().notifications.at(-1), [
      'workspace/didChangeConfiguration',
      { settings: { severity: { JAM004: 'error' }, enable: false, lang: 'sv' } },
    ]);
    assert.ok(state.warnings.some((w) => /ignored/.test(w)), 'the bad entry is announced');
    assert.ok(state.log.some((l) => l.includes('arendelint.severity.bad')));
  });

  it('lang "auto" follows VS Code\'s display language', async () => {
    state.language = 'en-gb';
    await change({ path: binA, lang: 'auto', enable: true }, ['lang']);
    assert.deepEqual(last().notifications.at(-1), ['workspace/didChangeConfiguration', { settings: { severity: {}, enable: true, lang: 'en' } }]);
    state.language = 'sv';
    await change({ path: binA, lang: 'auto', enable: true }, ['lang']);
    assert.deepEqual(last().notifications.at(-1), ['workspace/didChangeConfiguration', { settings: { severity: {}, enable: true, lang: 'sv' } }]);
  });

  it('turns the hover\'s documentation link into the explain command', async () => {
    const md = new fakeVscode.MarkdownString('**JAM003** `ungendered-target-group`: m\n\n[Hela förklaringen](https://example.org/docs/sv/JAM003.md)');
    const hover = await last().clientOptions.middleware.provideHover({}, {}, {}, async () => ({ contents: [md], range: 'r' }));
    assert.equal(
      hover.contents[0].value,
      '**JAM003** `ungendered-target-group`: m\n\n[Hela förklaringen](command:arendelint.explainRule?%5B%22JAM003%22%5D)',
    );
    assert.deepEqual(hover.contents[0].isTrusted, { enabledCommands: ['arendelint.explainRule'] });
    assert.equal(hover.range, 'r');
  });

  it('restarts with the new program when the path changes, and on the restart command', async () => {
    const old = last();
    await change({ path: binB, enable: true }, ['path']);
    assert.ok(old.stopped);
    assert.equal(last().serverOptions.run.command, binB);
    const before = last();
    await state.commands.get('arendelint.restartServer')?.();
    assert.ok(before.stopped && last() !== before && last().started);
  });

  it('explains the finding under the cursor in a Markdown preview', { skip: process.env.ARENDELINT_BIN === undefined ? 'ARENDELINT_BIN not set' : false }, async () => {
    await change({ path: process.env.ARENDELINT_BIN, lang: 'en', enable: true }, ['path', 'lang']);
    state.activeTextEditor = {
      document: { uri: { scheme: 'untitled', fsPath: '' } },
      selection: { active: { line: 4, character: 33 } },
    };
    state.diagnostics = [
      { source: 'arendelint', code: { value: 'JAM003' }, message: 'm', range: { start: { line: 4, character: 29 }, end: { line: 4, character: 40 } } },
      { source: 'arendelint', code: { value: 'JAM001' }, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 24 } } },
    ];
    state.executed = [];
    await state.commands.get('arendelint.explainRule')?.();
    const shown = state.executed.find((c) => c[0] === 'markdown.showLockedPreviewToSide');
    assert.ok(shown !== undefined, `executed: ${JSON.stringify(state.executed)}`);
    const uri = shown[1] as { scheme: string; path: string; query: string };
    assert.deepEqual([uri.scheme, uri.path, uri.query], ['arendelint-explain', '/JAM003.md', 'en']);
    const text: string = state.providers.get('arendelint-explain').provideTextDocumentContent(uri);
    assert.match(text, /^# JAM003 ungendered-target-group/);
    assert.match(text, /## What it does/);
    assert.equal(state.errors.length, 1, 'no new error');
  });

  it('stops the server on deactivate', async () => {
    const c = last();
    await ext.deactivate();
    assert.ok(c.stopped);
  });

  it('uses the program bundled in the extension folder when no path is set, and names the Remote tab in a remote window', async () => {
    const folder = fs.mkdtempSync(path.join(tmp, 'ext-'));
    fs.mkdirSync(path.join(folder, 'bin'));
    state.config = { path: '', lang: 'auto', enable: true };
    state.remoteName = 'ssh-remote';
    state.errors = [];
    // No bundled program, none on PATH, none in ~/.cargo/bin.
    const saved = { HOME: process.env.HOME, PATH: process.env.PATH };
    process.env.HOME = folder;
    process.env.PATH = path.join(folder, 'empty');
    await ext.activate({ subscriptions: [], extensionPath: path.join(folder, 'none') });
    process.env.HOME = saved.HOME;
    process.env.PATH = saved.PATH;
    const found = FakeClient.instances.length;
    {
      assert.match(state.errors[0] ?? '', /\(ssh-remote\), VS Code reads "arendelint\.path" from the Remote settings: if you set it under User, set it under the Remote tab\./);
      assert.equal(state.errors.length, 1);
      // A configuration change that does not change the outcome: no second message.
      process.env.HOME = folder;
      process.env.PATH = path.join(folder, 'empty');
      await change({ path: '', lang: 'en', enable: true }, ['lang']);
      process.env.HOME = saved.HOME;
      process.env.PATH = saved.PATH;
      assert.equal(state.errors.length, 1);
      assert.equal(state.log.filter((l) => l.includes('not found; tried: ')).length >= 3, true);
    }
    await ext.deactivate();
    const bundled = path.join(folder, 'bin', process.platform === 'win32' ? 'arendelint.exe' : 'arendelint');
    fs.writeFileSync(bundled, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    await ext.activate({ subscriptions: [], extensionPath: folder });
    assert.ok(FakeClient.instances.length > found);
    assert.equal(last().serverOptions.run.command, bundled);
    await ext.deactivate();
    state.remoteName = undefined;
  });
});
