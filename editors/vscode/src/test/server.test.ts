// The settings mapping against the real server: what toServerSettings produces
// is sent as `initializationOptions` and `workspace/didChangeConfiguration` to
// `arendelint lsp`, the same messages as the extension sends, and the published
// diagnostics must follow. Needs ARENDELINT_BIN (the built binary); skipped without.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { RawSettings, rulesAt, toServerSettings } from '../settings';

const bin = process.env.ARENDELINT_BIN;

const CASE = [
  '# Ny vårdcentral i Älvby',
  '',
  '## Bakgrund',
  '',
  'Åsa, Ärla och Örjan 😀 möter patienterna i dag.',
  '',
  'Simhallen hade 4 500 besökare.',
  '',
].join('\n');

interface Diag {
  code?: string;
  source?: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('arendelint lsp with the mapped settings', { skip: bin === undefined ? 'ARENDELINT_BIN not set' : false }, () => {
  let conn: MessageConnection;
  let kill: () => void;
  const published = new Map<string, Diag[][]>();
  const messages: string[] = [];
  let vscodeSettings: RawSettings = {};

  const wait = async (uri: string, what: string, ok: (d: Diag[]) => boolean): Promise<Diag[]> => {
    const deadline = Date.now() + 15000;
    for (;;) {
      const all = published.get(uri) ?? [];
      const last = all[all.length - 1];
      if (last !== undefined && ok(last)) {
        return last;
      }
      if (Date.now() > deadline) {
        throw new Error(`${what}: last diagnostics ${JSON.stringify(last?.map((d) => d.code))}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const codes = (ds: Diag[]): string[] => ds.map((d) => String(d.code)).sort();
  const change = async (raw: RawSettings): Promise<void> => {
    vscodeSettings = raw;
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: toServerSettings(raw).settings });
  };

  before(async () => {
    const proc = spawn(bin as string, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
    kill = () => proc.kill();
    conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diag[] }) => {
      const list = published.get(p.uri) ?? [];
      list.push(p.diagnostics);
      published.set(p.uri, list);
    });
    conn.onNotification('window/showMessage', (p: { message: string }) => messages.push(p.message));
    conn.onNotification('window/logMessage', () => undefined);
    // As the extension's middleware answers: the mapped settings, never the raw ones.
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(() => toServerSettings(vscodeSettings).settings),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    vscodeSettings = { path: '/somewhere/arendelint', lang: 'en', severity: { jam004: 'off' }, enable: true };
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions: toServerSettings(vscodeSettings).settings,
    });
    await conn.sendNotification('initialized', {});
  });

  after(async () => {
    try {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      kill();
    }
  });

  const md = 'untitled:Untitled-1';
  const txt = 'file:///tmp/arendelint-vscode-test/arende.txt';

  it('applies initializationOptions: English, JAM004 off', async () => {
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: md, languageId: 'markdown', version: 1, text: CASE },
    });
    const ds = await wait(md, 'JAM001 and JAM003', (d) => d.some((x) => x.code === 'JAM003'));
    assert.deepEqual(codes(ds), ['JAM001', 'JAM003']);
    assert.ok(ds.every((d) => d.source === 'arendelint'));
    const jam003 = ds.find((d) => d.code === 'JAM003');
    assert.ok(jam003 !== undefined && !/anger inte kön/.test(jam003.message), `not English: ${jam003?.message}`);
    // The explain command's lookup finds it from a cursor inside "patienterna".
    assert.deepEqual(rulesAt(ds, { line: 4, character: 30 }), ['JAM003']);
  });

  it('follows didChangeConfiguration: Swedish, all rules, JAM001 as info', async () => {
    await change({ lang: 'sv', severity: { JAM001: 'info' }, enable: true });
    const ds = await wait(md, 'JAM004 back', (d) => d.some((x) => x.code === 'JAM004'));
    assert.deepEqual(codes(ds), ['JAM001', 'JAM003', 'JAM004']);
    assert.match(ds.find((d) => d.code === 'JAM003')?.message ?? '', /anger inte kön/);
    assert.equal((ds.find((d) => d.code === 'JAM001') as { severity?: number } | undefined)?.severity, 3);
  });

  it('checks plain text too', async () => {
    await conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: txt, languageId: 'plaintext', version: 1, text: 'Alla patienter får vård.\n' },
    });
    const ds = await wait(txt, 'JAM003 in plain text', (d) => d.some((x) => x.code === 'JAM003'));
    assert.ok(codes(ds).includes('JAM003'));
  });

  it('withdraws everything when disabled, and comes back when enabled', async () => {
    await change({ enable: false, lang: 'auto' });
    await wait(md, 'empty when disabled', (d) => d.length === 0);
    await wait(txt, 'empty when disabled', (d) => d.length === 0);
    await change({ enable: true, lang: 'auto' });
    await wait(md, 'findings again', (d) => d.some((x) => x.code === 'JAM004'));
  });

  it('never made the server warn about the settings it was sent', () => {
    assert.deepEqual(messages, []);
  });
});
