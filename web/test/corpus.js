// The WebAssembly build gives exactly the CLI's findings: every file of the
// dev corpus (marks removed, as eval_corpus.py does), the examples and the
// Word/PDF fixtures, as one document and as an agenda, in Swedish and English,
// with the default configuration and with web/test/arendelint.toml, checked by
// `arendelint check --format json` and by the wasm bundle. Every field the CLI
// prints must be equal; the wasm-only UTF-16 offsets must convert back to the
// CLI's byte offsets.
//
//   node web/test/corpus.js DIST CLI CORPUS_DIR
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { loadArendelint } = require('./load');

const [dist, cli, corpus] = process.argv.slice(2);
if (!dist || !cli || !corpus) {
  console.error('usage: node corpus.js DIST CLI CORPUS_DIR');
  process.exit(2);
}
const repo = path.resolve(__dirname, '../..');
const testConfig = path.join(__dirname, 'arendelint.toml');

/** The clean text of an annotated file (eval_corpus.py's `clean`). */
function clean(annotated) {
  const lines = annotated.split(/(?<=\n)/).filter((l) => !/^%% expect: */.test(l.trim()) && !l.startsWith('%%'));
  return lines.join('').replace(/⟦JAM\d{3}\|([\s\S]*?)⟧/g, '$1');
}

function runCli(dir, name, { agenda, lang, config }) {
  const args = ['check', '--format', 'json', '--fail-on', 'never', '--lang', lang, '--config', config];
  if (agenda) args.push('--agenda');
  args.push(name);
  return JSON.parse(execFileSync(cli, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

const WASM_ONLY = {
  report: ['text', 'kind', 'mode', 'looks_like_agenda'],
  location: ['start', 'end'],
};

/** The wasm report without its additions, after checking them against `text`. */
function cliView(report, text) {
  const utf8 = (units) => Buffer.byteLength(text.slice(0, units), 'utf8');
  const loc = (l) => {
    assert.equal(utf8(l.start), l.byte_start, `UTF-16 start ${l.start} ≠ byte ${l.byte_start}`);
    assert.equal(utf8(l.end), l.byte_end, `UTF-16 end ${l.end} ≠ byte ${l.byte_end}`);
    const out = { ...l };
    for (const k of WASM_ONLY.location) delete out[k];
    return out;
  };
  const out = { ...report };
  for (const k of WASM_ONLY.report) delete out[k];
  out.diagnostics = report.diagnostics.map((d) => {
    const v = loc(d);
    if (d.related) v.related = d.related.map(loc);
    if (d.fix) {
      assert.ok(['safe', 'unsafe'].includes(d.fix.applicability));
      v.fix = { description: d.fix.description, edits: d.fix.edits.map(loc) };
    }
    return v;
  });
  if (report.cases) {
    out.cases = report.cases.map((c) => {
      const v = { ...c };
      delete v.start;
      delete v.end;
      return v;
    });
  }
  return out;
}

async function main() {
  const A = await loadArendelint(dist);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'arendelint-wasm-corpus-'));
  const emptyConfig = path.join(work, 'empty.toml');
  fs.writeFileSync(emptyConfig, '');
  const files = [];
  for (const name of fs.readdirSync(corpus).sort()) {
    if (!/\.(md|txt)$/.test(name) || /^readme/i.test(name)) continue;
    fs.writeFileSync(path.join(work, name), clean(fs.readFileSync(path.join(corpus, name), 'utf8')));
    files.push(path.join(work, name));
  }
  const devCount = files.length;
  for (const f of ['examples/brister-i-arende.md', 'examples/exemplariskt-arende.md', 'examples/saknar-jamstalldhet.txt',
    'tests/html/kallelse.md', 'tests/fixtures/pdf/kallelse.docx', 'tests/fixtures/pdf/kallelse.pdf', 'tests/fixtures/pdf/arende.pdf']) {
    files.push(path.join(repo, f));
  }
  const variants = [
    { agenda: false, lang: 'sv', config: emptyConfig },
    { agenda: true, lang: 'en', config: emptyConfig },
    { agenda: true, lang: 'sv', config: testConfig },
    { agenda: false, lang: 'en', config: testConfig },
  ];
  let compared = 0;
  let findings = 0;
  for (const file of files) {
    const dir = path.dirname(file);
    const name = path.basename(file);
    const bytes = fs.readFileSync(file);
    const kind = A.kindOf(name);
    for (const v of variants) {
      const expected = runCli(dir, name, v);
      const options = { kind, agenda: v.agenda, lang: v.lang, path: name, config: fs.readFileSync(v.config, 'utf8') };
      // Text files go in as strings (as the page passes pasted text), the rest as bytes.
      const input = kind === 'markdown' || kind === 'text' ? bytes.toString('utf8') : new Uint8Array(bytes);
      const report = A.check(input, options);
      if (typeof input === 'string') assert.equal(report.text, input, `${name}: report.text is the input`);
      try {
        assert.deepEqual(cliView(report, report.text), expected);
      } catch (e) {
        console.error(`${name} ${JSON.stringify({ ...v, config: path.basename(v.config) })}: the wasm report differs from the CLI's`);
        throw e;
      }
      compared += 1;
      findings += expected.diagnostics.length;
    }
  }
  // The same configuration as an object gives the same report as its TOML text.
  const sample = fs.readFileSync(files[0], 'utf8');
  const fromObject = A.check(sample, { config: { rules: { JAM007: 'info', JAM003: 'off' } } });
  const fromToml = A.check(sample, { config: '[rules]\nJAM007 = "info"\nJAM003 = "off"\n' });
  assert.deepEqual(fromObject, fromToml);
  assert.ok(!fromObject.diagnostics.some((d) => d.rule === 'JAM003'));
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`wasm = CLI: ${compared} reports (${devCount} dev-corpus files and ${files.length - devCount} others, 4 variants each), ${findings} findings`);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
