// The Word task pane: the controller of addin.js wired to the pane's DOM and
// to Word's events. Everything runs in the pane; the document's text goes to
// no server.
/* global Office, Word */
(function (root) {
  'use strict';
  const doc = root.document;
  const $ = (id) => doc.getElementById(id);
  const W = root.ArendelintWord;
  const UI = root.ArendelintUi;
  // Swedish first (the users are Swedish case officers); the button switches to English.
  let lang = 'sv';
  const t = () => root.ArendelintI18n[lang];
  let controller = null;
  let last = null;

  function translate() {
    doc.documentElement.lang = lang;
    doc.title = t().wordHeading;
    for (const e of doc.querySelectorAll('[data-i18n]')) {
      const v = t()[e.dataset.i18n];
      if (typeof v === 'string') e.textContent = v;
    }
    $('lang').textContent = t().switchLang;
    $('lang').setAttribute('lang', lang === 'sv' ? 'en' : 'sv');
    $('lang').setAttribute('aria-label', t().switchLangLabel);
  }

  function status(text, isError) {
    $('status').textContent = text;
    $('status').classList.toggle('error', !!isError);
  }

  function render(report) {
    last = report;
    const opts = {
      lang,
      canApply: true,
      showLabel: t().wordSelect,
      onShow: (d) => controller.select(d).catch(fail),
      onApply: (d) => controller.apply(d).then((ok) => ok && status(`${t().wordApplied} ${UI.summaryText(last, t())}`)).catch(fail),
    };
    const agenda = $('agenda').checked;
    $('findings-heading').textContent = agenda ? t().casesHeading : t().findingsHeading;
    if (agenda) UI.renderCases($('findings'), report, t(), opts);
    else UI.renderFindings($('findings'), report, t(), opts);
    status(UI.summaryText(report, t()));
  }

  function fail(e) {
    status(`${t().error}: ${e && e.message ? e.message : e}`, true);
  }

  function check() {
    status(t().wordReading);
    return controller.check().catch(fail);
  }

  async function start() {
    translate();
    await root.Arendelint.init();
    controller = W.createController({
      Word,
      options: () => ({ lang, agenda: $('agenda').checked }),
      onReport: render,
      onStale: () => { status(t().wordStale); check(); },
    });
    $('check').disabled = false;
    $('check').addEventListener('click', check);
    $('agenda').addEventListener('change', check);
    $('lang').addEventListener('click', () => { lang = lang === 'sv' ? 'en' : 'sv'; translate(); check(); });
    // After edits: Word reports selection changes as the user types; the
    // controller re-checks, debounced, only when the paragraphs changed.
    Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, () => {
      if ($('auto').checked) controller.scheduleRecheck();
    });
    check();
  }

  Office.onReady((info) => {
    if (info.host === Office.HostType.Word) start().catch(fail);
  });
})(typeof self !== 'undefined' ? self : globalThis);
