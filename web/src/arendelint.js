// arendelint in the browser: a small wrapper around the WebAssembly core
// (crates/arendelint-wasm). A classic script, so that the page works from
// file://; it also runs in Node (web/test loads it with `vm`).
//
//   await Arendelint.init();
//   const report = Arendelint.check(text, { kind: 'markdown', agenda: false, lang: 'sv' });
//   report.diagnostics[0].start  // UTF-16 offset into report.text
//
// A report is the object of `arendelint check --format json` for one file
// (docs/rules.md §4) plus `text`, `kind`, `mode`, `looks_like_agenda` and
// UTF-16 `start`/`end` on every location, fix edit and case.
(function (root) {
  'use strict';

  let ready = null;
  const checkers = new Map();

  function base64ToBytes(b64) {
    const binary = root.atob(b64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** Compiles the core (once). Nothing is fetched: the bytes are in the page. */
  function init() {
    if (!ready) {
      const bindgen = root.wasm_bindgen || (typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : undefined); // eslint-disable-line no-undef
      if (!bindgen) return Promise.reject(new Error('arendelint_wasm.js is not loaded'));
      const bytes = base64ToBytes(root.ARENDELINT_WASM_BASE64);
      ready = bindgen({ module_or_path: bytes }).then(() => bindgen);
    }
    return ready;
  }

  function core() {
    const bindgen = root.wasm_bindgen || (typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : undefined); // eslint-disable-line no-undef
    if (!bindgen || !bindgen.Checker) throw new Error('Arendelint.init() has not finished');
    return bindgen;
  }

  /** The configuration as the core takes it: [text, "toml" | "json"]. */
  function configArgs(config) {
    if (config === undefined || config === null || config === '') return ['', 'toml'];
    if (typeof config === 'string') return [config, 'toml'];
    return [JSON.stringify(config), 'json'];
  }

  /** A checker for a configuration and language, kept for reuse. Throws on a bad configuration. */
  function checker(options) {
    const [config, format] = configArgs(options && options.config);
    const lang = (options && options.lang) || '';
    const key = `${format}\u0000${lang}\u0000${config}`;
    let c = checkers.get(key);
    if (!c) {
      c = new (core().Checker)(config, format, lang);
      if (checkers.size > 8) checkers.clear();
      checkers.set(key, c);
    }
    return c;
  }

  /** The kind of a file from its name: markdown, text, docx or pdf (undefined if not read). */
  function kindOf(name) {
    const m = /\.([A-Za-z]+)$/.exec(name || '');
    const ext = m ? m[1].toLowerCase() : '';
    return { md: 'markdown', markdown: 'markdown', txt: 'text', text: 'text', docx: 'docx', pdf: 'pdf' }[ext];
  }

  /**
   * Checks a document. `input`: a string (Markdown or plain text) or the bytes
   * of a file (Uint8Array or ArrayBuffer). Options: kind ('markdown', 'text',
   * 'docx', 'pdf'), agenda (bool), path (the name in the report), config (TOML
   * text or an object with the same keys), lang ('sv', 'en'), extractedFixes
   * (Word/PDF: keep fixes as edits of the extracted text). Throws an Error whose
   * message is for the user.
   */
  function check(input, options) {
    const o = options || {};
    const kind = o.kind || kindOf(o.path) || 'markdown';
    const path = o.path || (kind === 'text' ? 'dokument.txt' : 'dokument.md');
    const c = checker(o);
    const json = typeof input === 'string'
      ? c.checkText(input, kind, !!o.agenda, path)
      : c.checkBytes(input instanceof Uint8Array ? input : new Uint8Array(input), kind, !!o.agenda, path, !!o.extractedFixes);
    return JSON.parse(json);
  }

  /** Applies all safe fixes (and unsafe ones with includeUnsafe): {applied, text}. */
  function fixAll(text, options) {
    const o = options || {};
    return JSON.parse(checker(o).fixAll(text, o.kind || 'markdown', !!o.includeUnsafe));
  }

  /** `text` with `edits` ({start, end, replacement}, UTF-16) applied; overlapping ones are skipped. */
  function applyEdits(text, edits) {
    const sorted = edits.slice().sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let pos = 0;
    for (const e of sorted) {
      if (e.start < pos || e.end < e.start || e.end > text.length) continue;
      out += text.slice(pos, e.start) + e.replacement;
      pos = e.end;
    }
    return out + text.slice(pos);
  }

  /** The text with one finding's fix applied (the text unchanged when it has none). */
  function applyFix(text, diagnostic) {
    return diagnostic && diagnostic.fix ? applyEdits(text, diagnostic.fix.edits) : text;
  }

  function rules(lang) {
    return JSON.parse(core().rules(lang || 'sv'));
  }

  function explainHtml(rule, lang) {
    return core().explainHtml(rule, lang || 'sv') || '';
  }

  function version() {
    return core().version();
  }

  root.Arendelint = { init, check, fixAll, applyEdits, applyFix, rules, explainHtml, kindOf, version };
})(typeof self !== 'undefined' ? self : globalThis);
