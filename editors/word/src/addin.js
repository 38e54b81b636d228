// The Word add-in's logic, apart from its task pane: read the document's
// paragraphs through the Word API, check them with the core exactly as a .docx
// file is checked (headings from paragraph styles, bold-only paragraphs,
// lists, tables), and map findings and fixes back onto the document.
//
// The paragraphs are written into a minimal .docx (one w:p per Word
// paragraph, heading styles, bold runs, numbering, tables) that the core's
// .docx loader reads: line n of the report's text is paragraph n.
//
// A classic script (the task pane) that also loads in Node (the tests run it
// against a Word API stand-in built from office-addin-mock).
(function (root) {
  'use strict';

  // ---- Paragraphs -------------------------------------------------------

  const PARAGRAPH_PROPS = 'items/text,items/style,items/styleBuiltIn,items/outlineLevel,items/isListItem,items/tableNestingLevel';

  /** A heading level from the paragraph's style, as the .docx loader reads styles: 0 title, 1–9, or null. */
  function headingLevel(p) {
    const builtIn = String(p.styleBuiltIn || '');
    let m = /^Heading([1-9])$/.exec(builtIn);
    if (m) return Number(m[1]);
    if (builtIn === 'Title') return 0;
    const name = String(p.style || '').trim().toLowerCase();
    if (name === 'title' || name === 'rubrik') return 0;
    m = /^(?:heading|rubrik)\s*([1-9])$/.exec(name);
    if (m) return Number(m[1]);
    const outline = Number(p.outlineLevel);
    return Number.isInteger(outline) && outline >= 1 && outline <= 9 ? outline : null;
  }

  /**
   * Reads the body's paragraphs: [{text, level, bold, list, inTable}], and the
   * tables' shapes (rows of cells, each the number of its paragraphs) to
   * group table paragraphs into cells.
   */
  async function readParagraphs(context) {
    const paragraphs = context.document.body.paragraphs;
    paragraphs.load(PARAGRAPH_PROPS);
    const fonts = [];
    const tables = context.document.body.tables;
    tables.load('items/values');
    await context.sync();
    for (const p of paragraphs.items) {
      p.font.load('bold');
      fonts.push(p.font);
    }
    await context.sync();
    const out = paragraphs.items.map((p, i) => ({
      text: String(p.text || ''),
      level: headingLevel(p),
      bold: fonts[i].bold === true,
      list: p.isListItem === true,
      inTable: Number(p.tableNestingLevel) > 0,
    }));
    const shapes = tables.items.map((t) => (t.values || []).map((row) => row.map((cell) => String(cell).split(/\r\n|\r|\n/).length)));
    return { paragraphs: out, tables: shapes, items: paragraphs.items };
  }

  // ---- A minimal .docx --------------------------------------------------

  const CRC_TABLE = (() => {
    const t = new Uint32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c >>> 0;
    }
    return t;
  })();

  function crc32(bytes) {
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i += 1) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  }

  /** A zip archive of stored (uncompressed) entries: [[name, string]]. */
  function zip(entries) {
    const enc = new TextEncoder();
    const parts = [];
    const central = [];
    let offset = 0;
    for (const [name, content] of entries) {
      const nameBytes = enc.encode(name);
      const data = enc.encode(content);
      const crc = crc32(data);
      const local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(6, 0x0800, true); // UTF-8 names
      local.setUint16(8, 0, true); // stored
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, data.length, true);
      local.setUint16(26, nameBytes.length, true);
      parts.push(new Uint8Array(local.buffer), nameBytes, data);
      const c = new DataView(new ArrayBuffer(46));
      c.setUint32(0, 0x02014b50, true);
      c.setUint16(4, 20, true);
      c.setUint16(6, 20, true);
      c.setUint16(8, 0x0800, true);
      c.setUint32(16, crc, true);
      c.setUint32(20, data.length, true);
      c.setUint32(24, data.length, true);
      c.setUint16(28, nameBytes.length, true);
      c.setUint32(42, offset, true);
      central.push(new Uint8Array(c.buffer), nameBytes);
      offset += 30 + nameBytes.length + data.length;
    }
    const centralSize = central.reduce((n, b) => n + b.length, 0);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, entries.length, true);
    end.setUint16(10, entries.length, true);
    end.setUint32(12, centralSize, true);
    end.setUint32(16, offset, true);
    const all = [...parts, ...central, new Uint8Array(end.buffer)];
    const out = new Uint8Array(all.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of all) { out.set(b, at); at += b.length; }
    return out;
  }

  /** XML text; characters XML cannot hold become a space (same length, so offsets stay). */
  function xmlText(s) {
    return s
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\r\n\ufffe\uffff]/g, ' ')
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  function paragraphXml(p) {
    const props = [];
    if (p.level === 0) props.push('<w:pStyle w:val="Title"/>');
    else if (p.level) props.push(`<w:pStyle w:val="Heading${p.level}"/>`);
    if (p.list) props.push('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
    const ppr = props.length ? `<w:pPr>${props.join('')}</w:pPr>` : '';
    const rpr = p.bold ? '<w:rPr><w:b/></w:rPr>' : '';
    const run = p.text ? `<w:r>${rpr}<w:t xml:space="preserve">${xmlText(p.text)}</w:t></w:r>` : '';
    return `<w:p>${ppr}${run}</w:p>`;
  }

  /**
   * The body: paragraphs in order; runs of table paragraphs grouped into the
   * next table's cells when its shape fits, else written as paragraphs.
   */
  function bodyXml(paragraphs, tables) {
    const out = [];
    let t = 0;
    for (let i = 0; i < paragraphs.length;) {
      if (!paragraphs[i].inTable) { out.push(paragraphXml(paragraphs[i])); i += 1; continue; }
      let j = i;
      while (j < paragraphs.length && paragraphs[j].inTable) j += 1;
      const run = paragraphs.slice(i, j);
      // Consecutive tables: take as many as the run holds.
      let at = 0;
      const xml = [];
      while (at < run.length && t < tables.length) {
        const shape = tables[t];
        const need = shape.reduce((n, row) => n + row.reduce((m, c) => m + c, 0), 0);
        if (need === 0 || at + need > run.length) break;
        const rows = shape.map((row) => `<w:tr>${row.map((count) => {
          const cell = run.slice(at, at + count).map(paragraphXml).join('');
          at += count;
          return `<w:tc>${cell}</w:tc>`;
        }).join('')}</w:tr>`);
        xml.push(`<w:tbl>${rows.join('')}</w:tbl>`);
        t += 1;
      }
      if (at !== run.length) {
        // The shapes did not fit (merged or nested cells): plain paragraphs keep the lines right.
        out.push(...run.map(paragraphXml));
      } else {
        out.push(...xml);
      }
      i = j;
    }
    return out.join('');
  }

  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

  function stylesXml() {
    const style = (id, name) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`;
    const headings = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => style(`Heading${n}`, `heading ${n}`)).join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">${style('Normal', 'Normal')}${style('Title', 'Title')}${headings}</w:styles>`;
  }

  /** The paragraphs as a .docx file's bytes. */
  function buildDocx(paragraphs, tables) {
    return zip([
      ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>'],
      ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'],
      ['word/_rels/document.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'],
      ['word/styles.xml', stylesXml()],
      ['word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${bodyXml(paragraphs, tables || [])}</w:body></w:document>`],
    ]);
  }

  // ---- Checking and mapping back ----------------------------------------

  /** Checks the paragraphs; the report's line n is paragraph n, fixes kept as edits of that text. */
  function checkParagraphs(read, options) {
    const o = options || {};
    return root.Arendelint.check(buildDocx(read.paragraphs, read.tables), {
      kind: 'docx',
      extractedFixes: true,
      agenda: !!o.agenda,
      lang: o.lang,
      config: o.config,
      path: o.path || 'dokument.docx',
    });
  }

  /** UTF-16 offset in the report's text → {paragraph, column, lineText}. */
  function locate(report, offset) {
    const text = report.text;
    let line = 0;
    let start = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line += 1;
      start = i + 1;
    }
    const nl = text.indexOf('\n', start);
    const lineText = text.slice(start, nl < 0 ? text.length : nl);
    return { paragraph: line, column: offset - start, lineText };
  }

  /** How many times `needle` occurs (left to right, not overlapping, as Word searches) before `column`. */
  function occurrenceBefore(lineText, needle, column) {
    let n = 0;
    for (let i = lineText.indexOf(needle); i >= 0 && i < column; i = lineText.indexOf(needle, i + needle.length)) n += 1;
    return n;
  }

  /** Word's search treats ^ as a special character; at most 255 characters are searched. */
  function searchText(s) {
    return s.slice(0, 255).replace(/\^/g, '^^');
  }

  /**
   * Where a stretch of the report's text is in the document: the paragraph,
   * the text to search within it and which match. Stretches over several
   * paragraphs are cut at the first paragraph's end.
   */
  function target(report, start, end) {
    const a = locate(report, start);
    const endColumn = Math.min(a.lineText.length, a.column + (end - start));
    const text = a.lineText.slice(a.column, endColumn);
    return { paragraph: a.paragraph, column: a.column, text, occurrence: occurrenceBefore(a.lineText, text, a.column), lineText: a.lineText };
  }

  /** The Word range of a target (null when the search does not find it). */
  async function rangeOf(context, items, t) {
    const p = items[t.paragraph];
    if (!p) return null;
    if (!t.text.trim()) return p.getRange('Start');
    const found = p.search(searchText(t.text), { matchCase: true, matchWildcards: false });
    found.load('items');
    await context.sync();
    return found.items[t.occurrence] || found.items[0] || null;
  }

  /** Selects a finding's text in the document (a document-level finding: the start). */
  async function selectFinding(context, items, report, d) {
    const t = target(report, d.start, d.end);
    const range = d.end > d.start ? await rangeOf(context, items, t) : items[t.paragraph] && items[t.paragraph].getRange('Start');
    if (!range) return false;
    range.select();
    await context.sync();
    return true;
  }

  /**
   * A multi-line replacement (the core writes a section skeleton as Markdown
   * for Word files too) as Word paragraphs: `## Rubrik` a heading of that
   * level, `- fråga` a paragraph, blank lines dropped (Word spaces paragraphs).
   */
  function wordLines(replacement) {
    return replacement.split('\n').filter((l) => l.trim()).map((l) => {
      const h = /^(#{1,6})\s+(.*)$/.exec(l);
      if (h) return { text: h[2], level: h[1].length };
      return { text: l.replace(/^\s*[-*]\s+/, ''), level: null };
    });
  }

  /** Gives a new paragraph a heading style; returns it. */
  function styled(paragraph, level) {
    if (level) paragraph.styleBuiltIn = `Heading${level}`;
    return paragraph;
  }

  /** Applies one edit ({start, end, replacement} in the report's text) through the Word API. */
  async function applyEdit(context, items, report, e) {
    const a = locate(report, e.start);
    const p = items[a.paragraph];
    if (e.replacement.includes('\n')) {
      const lines = wordLines(e.replacement);
      // New paragraphs (a section skeleton): before the paragraph the edit starts, or after the last one.
      if (e.end === e.start && a.column === 0 && p) {
        for (const line of lines) styled(p.insertParagraph(line.text, 'Before'), line.level);
        await context.sync();
        return true;
      }
      if (e.end === e.start && e.start >= report.text.length && items.length) {
        let last = items[items.length - 1];
        for (const line of lines) last = styled(last.insertParagraph(line.text, 'After'), line.level);
        await context.sync();
        return true;
      }
      if (e.end > e.start) {
        // A replaced stretch (a placeholder body): the text, one paragraph per line.
        const range = await rangeOf(context, items, target(report, e.start, e.end));
        if (!range) return false;
        range.insertText(lines.map((l) => l.text).join('\n'), 'Replace');
        await context.sync();
        return true;
      }
      return false;
    }
    if (!p) return false;
    if (e.end === e.start) {
      if (a.column === 0) p.insertText(e.replacement, 'Start');
      else if (a.column >= a.lineText.length) p.insertText(e.replacement, 'End');
      else {
        // Mid-paragraph: after the word (or stretch) that ends where the edit is.
        const from = Math.max(a.lineText.lastIndexOf(' ', a.column - 2) + 1, a.column - 60);
        const t = { paragraph: a.paragraph, text: a.lineText.slice(from, a.column) };
        t.occurrence = occurrenceBefore(a.lineText, t.text, from);
        const range = await rangeOf(context, items, t);
        if (!range) return false;
        range.insertText(e.replacement, 'End');
      }
      await context.sync();
      return true;
    }
    const range = await rangeOf(context, items, target(report, e.start, e.end));
    if (!range) return false;
    range.insertText(e.replacement, 'Replace');
    await context.sync();
    return true;
  }

  /** Applies a finding's fix, last edit first so that earlier offsets stay right. */
  async function applyFix(context, items, report, d) {
    if (!d.fix) return false;
    const edits = d.fix.edits.slice().sort((x, y) => y.start - x.start);
    let ok = true;
    for (const e of edits) ok = (await applyEdit(context, items, report, e)) && ok;
    return ok;
  }

  /** Calls `fn` once `ms` after the last of a burst of calls. */
  function debounce(fn, ms, timers) {
    const t = timers || root;
    let handle = null;
    return function debounced() {
      if (handle !== null) t.clearTimeout(handle);
      handle = t.setTimeout(() => { handle = null; fn(); }, ms);
    };
  }

  /** A fingerprint of the paragraphs: a re-check is needed only when it changes. */
  function fingerprint(read) {
    return read.paragraphs.map((p) => `${p.level}|${p.bold ? 1 : 0}|${p.list ? 1 : 0}|${p.inTable ? 1 : 0}|${p.text}`).join('\n');
  }

  /**
   * The task pane's state machine, without any DOM: check on demand, select a
   * finding, apply a fix (re-reading the document first: a finding of an
   * older text is never applied), and re-check after edits, debounced.
   * `Word` is the Word namespace (or a stand-in); `options()` gives
   * {lang, agenda, config}; `onReport(report)` and `onStale()` tell the pane.
   */
  function createController({ Word, options, onReport, onStale, timers, delay }) {
    const state = { report: null, print: null, read: null, checks: 0 };
    async function check() {
      return Word.run(async (context) => {
        const read = await readParagraphs(context);
        state.read = read;
        state.print = fingerprint(read);
        state.report = checkParagraphs(read, options());
        state.checks += 1;
        onReport(state.report);
        return state.report;
      });
    }
    /** Runs `fn` on the current paragraphs when the document still has the checked text. */
    async function withFresh(fn) {
      return Word.run(async (context) => {
        const read = await readParagraphs(context);
        if (!state.report || fingerprint(read) !== state.print) {
          if (onStale) onStale();
          return false;
        }
        return fn(context, read);
      });
    }
    async function select(d) {
      return withFresh((context, read) => selectFinding(context, read.items, state.report, d));
    }
    async function apply(d) {
      const ok = await withFresh((context, read) => applyFix(context, read.items, state.report, d));
      if (ok) await check();
      return ok;
    }
    /** After an edit: re-check when the paragraphs changed since the last check. */
    async function recheckIfChanged() {
      const changed = await Word.run(async (context) => fingerprint(await readParagraphs(context)) !== state.print);
      if (changed) await check();
      return changed;
    }
    const scheduleRecheck = debounce(() => { recheckIfChanged().catch(() => undefined); }, delay || 800, timers);
    return { check, select, apply, recheckIfChanged, scheduleRecheck, state };
  }

  const api = {
    PARAGRAPH_PROPS, headingLevel, readParagraphs, buildDocx, crc32, checkParagraphs, locate, target,
    occurrenceBefore, searchText, selectFinding, applyEdit, applyFix, wordLines, debounce, fingerprint, createController,
  };
  root.ArendelintWord = api;
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : globalThis);
