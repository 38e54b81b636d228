// The Word add-in's logic against a Word API stand-in built from
// office-addin-mock (word-standin.js), with the real wasm core:
// paragraph mapping (headings from styles, as the .docx loader reads them),
// selection, fix application, re-check on demand and after edits.
//
//   ARENDELINT_DIST=web/dist node --test editors/word/test/
'use strict';
const test = require('node:test');
const assert = require('assert/strict');
const path = require('path');
const { WordDocument } = require('./word-standin');
const { loadArendelint } = require('../../../web/test/load');
const W = require('../src/addin');

const dist = process.env.ARENDELINT_DIST || path.resolve(__dirname, '../../../web/dist');
let ready = null;
const core = () => (ready = ready || loadArendelint(dist));

const CASE = [
  { text: 'Ny vårdcentral i Älvby', styleBuiltIn: 'Title' },
  { text: 'Bakgrund', styleBuiltIn: 'Heading1' },
  { text: 'Vårdcentralen möter patienterna varje dag. Mottagningen hade 4 500 besökare i fjol.' },
  // A Swedish Word names its built-in style "Rubrik 2"; a custom one has only a name.
  { text: 'Konsekvenser för jämställdhet', styleBuiltIn: 'Other', style: 'Rubrik 2' },
  { text: 'Förslaget bedöms inte påverka jämställdheten.' },
];

const rules = (report) => report.diagnostics.map((d) => `${d.rule}@${d.line}`);

function controller(doc, extra) {
  const reports = [];
  const c = W.createController({
    Word: doc.namespace(),
    options: () => ({ lang: 'sv', agenda: false, ...(extra || {}) }),
    onReport: (r) => reports.push(r),
    onStale: () => reports.push('stale'),
  });
  return { c, reports };
}

test('heading levels come from the built-in style, the style name or the outline level', () => {
  assert.equal(W.headingLevel({ styleBuiltIn: 'Heading3' }), 3);
  assert.equal(W.headingLevel({ styleBuiltIn: 'Title' }), 0);
  assert.equal(W.headingLevel({ styleBuiltIn: 'Other', style: 'Rubrik 2' }), 2);
  assert.equal(W.headingLevel({ styleBuiltIn: 'Other', style: 'Heading 4' }), 4);
  assert.equal(W.headingLevel({ styleBuiltIn: 'Other', style: 'Min rubrik', outlineLevel: 2 }), 2);
  assert.equal(W.headingLevel({ styleBuiltIn: 'Normal', style: 'Normal', outlineLevel: 10 }), null);
});

test('paragraphs are read after load and sync, and checked as the .docx loader checks them', async () => {
  await core();
  const doc = new WordDocument(CASE);
  const read = await doc.run((context) => W.readParagraphs(context));
  assert.deepEqual(read.paragraphs.map((p) => [p.level, p.bold, p.list, p.inTable]), [[0, false, false, false], [1, false, false, false], [null, false, false, false], [2, false, false, false], [null, false, false, false]]);
  const report = W.checkParagraphs(read, { lang: 'sv' });
  // Line n of the report is paragraph n: the text is the paragraphs, one per line.
  assert.equal(report.text, CASE.map((p) => p.text).join('\n'));
  assert.deepEqual(rules(report), ['JAM003@3', 'JAM004@3', 'JAM002@4']);
  // The same paragraphs without heading styles: no gender section, JAM001.
  const plain = new WordDocument(CASE.map((p) => ({ text: p.text })));
  const unstyled = W.checkParagraphs(await plain.run((context) => W.readParagraphs(context)), { lang: 'sv' });
  assert.ok(rules(unstyled).includes('JAM001@1'), rules(unstyled).join(' '));
});

test('a bold-only paragraph is a heading, a table is a table (JAM004 on its header row)', async () => {
  await core();
  const doc = new WordDocument([
    { text: 'Stöd till föreningar', styleBuiltIn: 'Title' },
    { text: 'Jämställdhet', bold: true },
    { text: 'Förslaget bedöms inte påverka jämställdheten.' },
    { text: 'Antal deltagare', table: true }, { text: '2025', table: true },
    { text: 'Ungdomar', table: true }, { text: '120', table: true },
  ], [[['Antal deltagare', '2025'], ['Ungdomar', '120']]]);
  const report = W.checkParagraphs(await doc.run((context) => W.readParagraphs(context)), { lang: 'en' });
  assert.deepEqual(rules(report), ['JAM002@2', 'JAM004@4']);
  assert.match(report.diagnostics[0].message, /^The gender section/);
});

test('a finding is selected in the document: its paragraph and its occurrence', async () => {
  await core();
  const doc = new WordDocument([
    { text: 'Ärende', styleBuiltIn: 'Title' },
    { text: 'Bakgrund', styleBuiltIn: 'Heading1' },
    // "patienterna" twice: the first is gendered, the finding is in the second sentence.
    { text: 'Kvinnor och män som är patienterna väntar. Andra sidan: patienterna på Norrby klagar.' },
    { text: 'Nytt avsnitt', styleBuiltIn: 'Heading1' },
    { text: 'Alla patienterna ^ bor i länet.' },
  ]);
  const { c } = controller(doc);
  const report = await c.check();
  const jam003 = report.diagnostics.filter((d) => d.rule === 'JAM003');
  assert.ok(jam003.length >= 1, rules(report).join(' '));
  const last = jam003[jam003.length - 1];
  assert.equal(await c.select(last), true);
  assert.equal(doc.selection.paragraph, W.locate(report, last.start).paragraph);
  assert.equal(doc.selection.text, report.text.slice(last.start, last.end));
  const first = report.diagnostics.find((d) => d.rule === 'JAM003' && d.line === 3);
  if (first) {
    await c.select(first);
    assert.deepEqual([doc.selection.paragraph, doc.selection.start], [2, doc.paras[2].text.lastIndexOf('patienterna')]);
  }
  // A document-level finding selects the start of the document.
  const jam001 = report.diagnostics.find((d) => d.rule === 'JAM001');
  assert.ok(jam001);
  await c.select(jam001);
  assert.deepEqual([doc.selection.paragraph, doc.selection.start, doc.selection.end], [0, 0, 0]);
});

test('a fix is applied through the Word API, and the re-check no longer reports it', async () => {
  await core();
  const doc = new WordDocument(CASE);
  const { c, reports } = controller(doc);
  const report = await c.check();
  const jam003 = report.diagnostics.find((d) => d.rule === 'JAM003');
  assert.equal(jam003.fix.applicability, 'safe');
  assert.equal(await c.apply(jam003), true);
  assert.equal(doc.paras[2].text, 'Vårdcentralen möter patienterna (kvinnor och män) varje dag. Mottagningen hade 4 500 besökare i fjol.');
  assert.equal(doc.paras.length, CASE.length);
  assert.deepEqual(rules(reports[reports.length - 1]), ['JAM004@3', 'JAM002@4']);
});

test('the JAM001 skeleton becomes paragraphs with a heading, and JAM001 goes', async () => {
  await core();
  const doc = new WordDocument([
    { text: 'Ny simhall', styleBuiltIn: 'Title' },
    { text: 'Bakgrund', styleBuiltIn: 'Heading2' },
    { text: 'Simhallen är gammal.' },
    { text: 'Beslutet skickas till', styleBuiltIn: 'Heading2' },
    { text: 'Kultur- och fritidsnämnden' },
  ]);
  const { c, reports } = controller(doc);
  const report = await c.check();
  const jam001 = report.diagnostics.find((d) => d.rule === 'JAM001');
  assert.ok(jam001 && jam001.fix, rules(report).join(' '));
  assert.equal(await c.apply(jam001), true);
  const at = doc.texts().indexOf('Konsekvenser för jämställdhet');
  assert.ok(at > 2 && at < doc.texts().indexOf('Beslutet skickas till'), doc.texts().join(' | '));
  assert.equal(doc.paras[at].styleBuiltIn, 'Heading2');
  const after = rules(reports[reports.length - 1]);
  assert.ok(!after.some((r) => r.startsWith('JAM001')), after.join(' '));
});

test('a finding of an older text is never applied: the pane is told to check again', async () => {
  await core();
  const doc = new WordDocument(CASE);
  const { c, reports } = controller(doc);
  const report = await c.check();
  doc.paras[2].text = `Nu: ${doc.paras[2].text}`;
  assert.equal(await c.apply(report.diagnostics[0]), false);
  assert.equal(reports[reports.length - 1], 'stale');
  assert.ok(doc.paras[2].text.startsWith('Nu: Vårdcentralen möter patienterna varje'));
});

test('re-check after edits: debounced, and only when the paragraphs changed', async () => {
  await core();
  const doc = new WordDocument(CASE);
  const timers = fakeTimers();
  const reports = [];
  const c = W.createController({ Word: doc.namespace(), options: () => ({ lang: 'sv' }), onReport: (r) => reports.push(r), timers, delay: 500 });
  await c.check();
  assert.equal(c.state.checks, 1);
  // A burst of selection changes without an edit: one read, no new check.
  for (let i = 0; i < 5; i += 1) { c.scheduleRecheck(); timers.advance(100); }
  assert.equal(timers.pending(), 1);
  await timers.flush();
  assert.equal(c.state.checks, 1);
  // Typing: the paragraphs change; one check after the burst.
  doc.paras[2].text = doc.paras[2].text.replace('patienterna', 'kvinnor och män som är patienter');
  for (let i = 0; i < 5; i += 1) { c.scheduleRecheck(); timers.advance(100); }
  await timers.flush();
  assert.equal(c.state.checks, 2);
  assert.deepEqual(rules(reports[reports.length - 1]), ['JAM004@3', 'JAM002@4']);
});

test('an agenda in Word: one case per § heading', async () => {
  await core();
  const doc = new WordDocument([
    { text: 'Kallelse till kommunstyrelsen', styleBuiltIn: 'Title' },
    { text: '§ 12 Ny simhall', styleBuiltIn: 'Heading1' },
    { text: 'Simhallen hade 4 500 besökare i fjol.' },
    { text: '§ 13 Taxor för färdtjänst', styleBuiltIn: 'Heading1' },
    { text: 'Jämställdhet', styleBuiltIn: 'Heading2' },
    { text: 'Ej aktuellt.' },
  ]);
  const { c } = controller(doc, { agenda: true });
  const report = await c.check();
  assert.equal(report.mode, 'agenda');
  assert.deepEqual(report.cases.map((k) => [k.number, k.case]), [['12', 'Ny simhall'], ['13', 'Taxor för färdtjänst']]);
  assert.deepEqual(report.diagnostics.map((d) => `${d.rule}:${d.case}`), ['JAM001:Ny simhall', 'JAM004:Ny simhall', 'JAM002:Taxor för färdtjänst']);
});

test('the .docx the add-in writes is a valid zip (CRC-32 of the standard check value)', () => {
  assert.equal(W.crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  const bytes = W.buildDocx([{ text: 'a & <b>\u000b', level: 1 }], []);
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  assert.equal(W.searchText('x^y'), 'x^^y');
  assert.equal(W.occurrenceBefore('aa aa aa', 'aa', 4), 2);
});

/** setTimeout/clearTimeout with a clock the test moves. */
function fakeTimers() {
  let now = 0;
  let id = 0;
  const queue = new Map();
  return {
    setTimeout(fn, ms) { id += 1; queue.set(id, { at: now + ms, fn }); return id; },
    clearTimeout(h) { queue.delete(h); },
    advance(ms) {
      now += ms;
      for (const [h, t] of [...queue]) if (t.at <= now) { queue.delete(h); t.fn(); }
    },
    pending() { return queue.size; },
    async flush() {
      this.advance(1e9);
      for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    },
  };
}
