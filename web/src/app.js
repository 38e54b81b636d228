// The page: paste text or drop a file, see the findings, apply fixes. Runs the
// core in the browser (arendelint.js); makes no network request.
(function (root) {
  'use strict';
  const doc = root.document;
  const $ = (id) => doc.getElementById(id);
  const A = root.Arendelint;
  const UI = root.ArendelintUi;
  const state = {
    lang: 'sv',
    file: null, // {name, kind, bytes} while a Word or PDF file is checked
    report: null,
    timer: 0,
    firstResult: null,
  };
  // Timings for the browser test and the README (ms since navigation start).
  root.arendelintTimings = { ready: null, firstResult: null, firstCheck: null, lastCheck: null };

  const t = () => root.ArendelintI18n[state.lang];

  function translate() {
    const texts = t();
    doc.documentElement.lang = state.lang;
    doc.title = texts.title;
    for (const e of doc.querySelectorAll('[data-i18n]')) {
      const v = texts[e.dataset.i18n];
      if (typeof v === 'string') e.textContent = v;
    }
    const other = state.lang === 'sv' ? 'en' : 'sv';
    $('lang').textContent = texts.switchLang;
    $('lang').setAttribute('lang', other);
    $('lang').setAttribute('aria-label', texts.switchLangLabel);
  }

  function setStatus(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', !!isError);
  }

  function options() {
    return {
      kind: state.file ? state.file.kind : $('kind').value,
      agenda: $('agenda').checked,
      lang: state.lang,
      path: state.file ? state.file.name : ($('kind').value === 'text' ? 'ärende.txt' : 'ärende.md'),
    };
  }

  function clearResults(message) {
    state.report = null;
    $('doc').replaceChildren();
    $('findings').replaceChildren();
    $('hint').hidden = true;
    $('bulk').hidden = true;
    setStatus(message);
  }

  /** Checks what is in the text box or the chosen file, and shows it. */
  function run() {
    root.clearTimeout(state.timer);
    const input = state.file ? state.file.bytes : $('source').value;
    if (!state.file && !input.trim()) {
      clearResults(t().empty);
      return null;
    }
    const started = root.performance.now();
    let report;
    try {
      report = A.check(input, options());
    } catch (e) {
      clearResults(`${t().error}: ${e.message}`);
      $('status').classList.add('error');
      return null;
    }
    state.report = report;
    render();
    const now = root.performance.now();
    root.arendelintTimings.lastCheck = now - started;
    if (root.arendelintTimings.firstResult === null) {
      root.arendelintTimings.firstResult = now;
      root.arendelintTimings.firstCheck = now - started;
    }
    return report;
  }

  function render() {
    const report = state.report;
    const texts = t();
    if (!report) return;
    const opts = {
      lang: state.lang,
      canApply: !state.file,
      onShow: show,
      onApply: apply,
    };
    UI.renderText($('doc'), report, texts);
    const agenda = $('agenda').checked;
    $('findings-heading').textContent = agenda ? texts.casesHeading : texts.findingsHeading;
    if (agenda) UI.renderCases($('findings'), report, texts, opts);
    else UI.renderFindings($('findings'), report, texts, opts);
    setStatus(UI.summaryText(report, texts));
    const hint = agenda && report.mode !== 'agenda' ? texts.noCases : !agenda && report.looks_like_agenda ? texts.agendaHint : '';
    $('hint').textContent = hint;
    $('hint').hidden = !hint;
    const safe = !state.file && report.diagnostics.some((d) => d.fix && d.fix.applicability === 'safe');
    $('bulk').hidden = !safe;
  }

  /** Scrolls to a finding's mark and gives it focus. */
  function show(d, i) {
    const mark = $(`f-${i}`);
    if (!mark) return;
    for (const m of doc.querySelectorAll('mark.current')) m.classList.remove('current');
    mark.classList.add('current');
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
  }

  function afterEdit(message) {
    const report = run();
    if (report) {
      setStatus(`${message(report.diagnostics.length)} ${UI.summaryText(report, t())}`);
      $('results').focus();
    }
  }

  /** Applies one finding's fix to the text box and checks again. */
  function apply(d) {
    const source = $('source');
    if (source.value !== state.report.text) {
      // Typed since the check: the finding's offsets are of an older text.
      run();
      setStatus(`${t().wordStale} ${state.report ? UI.summaryText(state.report, t()) : ''}`);
      return;
    }
    source.value = A.applyFix(state.report.text, d);
    afterEdit((n) => t().applied(n));
  }

  function applyAll() {
    const fixed = A.fixAll($('source').value, { kind: $('kind').value, lang: state.lang });
    $('source').value = fixed.text;
    afterEdit((n) => t().appliedAll(fixed.applied, n));
  }

  function setFile(file) {
    state.file = file;
    const note = $('file-note');
    $('source').hidden = !!file;
    doc.querySelector('label[for=source]').hidden = !!file;
    $('remove-file').hidden = !file;
    note.hidden = !file;
    if (file) note.textContent = t().fileLoaded(file.name, file.kind);
  }

  async function readFile(f) {
    const kind = A.kindOf(f.name);
    if (!kind) {
      clearResults(t().unsupported(f.name));
      $('status').classList.add('error');
      return;
    }
    const bytes = new Uint8Array(await f.arrayBuffer());
    if (kind === 'markdown' || kind === 'text') {
      let text;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch (e) {
        // Not UTF-8: the core says so, in the user's language.
        setFile({ name: f.name, kind, bytes });
        run();
        return;
      }
      setFile(null);
      $('source').value = text;
      $('kind').value = kind;
    } else {
      setFile({ name: f.name, kind, bytes });
    }
    run();
  }

  function schedule() {
    root.clearTimeout(state.timer);
    state.timer = root.setTimeout(run, 300);
  }

  function wire() {
    $('source').addEventListener('input', schedule);
    $('source').addEventListener('paste', () => root.setTimeout(run, 0));
    $('kind').addEventListener('change', run);
    $('agenda').addEventListener('change', run);
    $('check').addEventListener('click', run);
    $('apply-all').addEventListener('click', applyAll);
    $('file').addEventListener('change', (e) => {
      const f = e.target.files && e.target.files[0];
      if (f) readFile(f);
      e.target.value = '';
    });
    $('remove-file').addEventListener('click', () => {
      setFile(null);
      $('source').focus();
      run();
    });
    $('lang').addEventListener('click', () => {
      state.lang = state.lang === 'sv' ? 'en' : 'sv';
      translate();
      if (state.file) $('file-note').textContent = t().fileLoaded(state.file.name, state.file.kind);
      if (state.report) run();
      else setStatus(t().ready);
    });
    const drop = $('drop');
    const stop = (e) => { e.preventDefault(); e.stopPropagation(); };
    drop.addEventListener('dragover', (e) => { stop(e); drop.classList.add('dragging'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
    drop.addEventListener('drop', (e) => {
      stop(e);
      drop.classList.remove('dragging');
      const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) readFile(f);
    });
    // A file dropped elsewhere must not make the browser navigate away.
    doc.addEventListener('dragover', (e) => e.preventDefault());
    doc.addEventListener('drop', (e) => e.preventDefault());
  }

  async function start() {
    const params = new URLSearchParams(root.location.search);
    if (params.get('lang') === 'en') state.lang = 'en';
    translate();
    wire();
    try {
      await A.init();
    } catch (e) {
      setStatus(`${t().error}: ${e.message}`, true);
      return;
    }
    root.arendelintTimings.ready = root.performance.now();
    $('source').disabled = false;
    $('check').disabled = false;
    setStatus(t().ready);
    doc.body.dataset.ready = 'true';
    if ($('source').value.trim()) run();
  }

  start();
})(typeof self !== 'undefined' ? self : globalThis);
