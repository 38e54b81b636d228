// Rendering a report, shared by the page (app.js) and the Word add-in's task
// pane: the text with its findings highlighted, the findings grouped by rule
// (with the rule's explanation and the suggested rewrite), and in agenda mode
// one card per case. Plain DOM; no HTML is built from the user's text.
(function (root) {
  'use strict';
  const SEVERITY_RANK = { error: 3, warning: 2, info: 1 };

  function el(tag, attrs, ...children) {
    const e = root.document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  /** The text with a <mark> per highlighted stretch; each finding's first mark has id f-N. */
  function renderText(container, report, t) {
    const text = report.text;
    const spans = [];
    report.diagnostics.forEach((d, i) => {
      if (d.end > d.start) spans.push({ start: d.start, end: d.end, i, d, related: false });
      for (const r of d.related || []) if (r.end > r.start) spans.push({ start: r.start, end: r.end, i, d, related: true });
    });
    const bounds = new Set([0, text.length]);
    for (const s of spans) { bounds.add(s.start); bounds.add(s.end); }
    const points = [...bounds].sort((a, b) => a - b);
    spans.sort((a, b) => a.start - b.start);
    const frag = root.document.createDocumentFragment();
    const seen = new Set();
    let active = [];
    let next = 0;
    for (let k = 0; k + 1 < points.length; k += 1) {
      const from = points[k];
      const to = points[k + 1];
      active = active.filter((s) => s.end > from);
      while (next < spans.length && spans[next].start <= from) {
        if (spans[next].end > from) active.push(spans[next]);
        next += 1;
      }
      const piece = text.slice(from, to);
      if (!active.length) { frag.append(piece); continue; }
      const main = active.reduce((a, b) => {
        if (a.related !== b.related) return a.related ? b : a;
        return SEVERITY_RANK[b.d.severity] > SEVERITY_RANK[a.d.severity] ? b : a;
      });
      const rules = [...new Set(active.map((s) => s.d.rule))].join(' ');
      const first = active.find((s) => !s.related && !seen.has(s.i));
      const mark = el('mark', {
        class: `sev-${main.d.severity}${main.related ? ' related' : ''}`,
        'data-rule': rules,
        'data-finding': String(main.i),
        title: active.map((s) => `${s.d.rule}: ${s.d.message}`).join('\n'),
        id: first ? `f-${first.i}` : undefined,
        tabindex: first ? '-1' : undefined,
      }, piece);
      if (first) seen.add(first.i);
      frag.append(mark);
    }
    container.replaceChildren(frag);
  }

  function excerpt(report, d) {
    const s = report.text.slice(d.start, d.end).replace(/\s+/g, ' ').trim();
    return s.length > 90 ? `${s.slice(0, 89)}…` : s;
  }

  /** "patienterna → patienterna (kvinnor och män)" for a fix within one line, else the description. */
  function rewrite(report, d) {
    const fix = d.fix;
    if (!fix) return null;
    const lineStart = report.text.lastIndexOf('\n', Math.max(0, d.start - 1)) + 1;
    const nl = report.text.indexOf('\n', d.end);
    const lineEnd = nl < 0 ? report.text.length : nl;
    const inLine = fix.edits.every((e) => e.start >= lineStart && e.end <= lineEnd && !e.replacement.includes('\n'));
    if (!inLine || d.end <= d.start) return { description: fix.description };
    const from = Math.min(d.start, ...fix.edits.map((e) => e.start));
    const to = Math.max(d.end, ...fix.edits.map((e) => e.end));
    const before = report.text.slice(from, to);
    const shifted = fix.edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
    const after = root.Arendelint.applyEdits(before, shifted);
    return { description: fix.description, before, after };
  }

  function explanationHtml(rule, lang) {
    // The core's explanation (trusted, compiled in) below the list's own headings.
    return root.Arendelint.explainHtml(rule, lang)
      .replace(/<h1>[\s\S]*?<\/h1>\s*/, '')
      .replace(/<(\/?)h2>/g, '<$1h5>')
      .replace(/<(\/?)h3>/g, '<$1h6>');
  }

  function findingItem(report, d, i, t, opts) {
    const where = d.end > d.start || d.line > 1 || d.column > 1 ? t.at(d.line, d.column) : t.document;
    const quote = excerpt(report, d);
    const item = el('li', { class: `finding sev-${d.severity}`, 'data-rule': d.rule, 'data-finding': String(i) },
      el('p', { class: 'finding-head' },
        el('span', { class: `badge sev-${d.severity}`, text: t.severity[d.severity] }), ' ',
        el('span', { class: 'where', text: where }),
        quote ? el('q', { class: 'quote', text: quote }) : null),
      el('p', { class: 'message', text: d.message }));
    if (d.related && d.related.length) item.append(el('p', { class: 'related-note', text: t.related(d.related.length) }));
    const r = rewrite(report, d);
    if (r) {
      const s = el('p', { class: 'suggestion' }, el('strong', { text: `${t.suggestion}: ` }), r.description);
      if (r.before !== undefined) {
        s.append(el('br'), el('del', { text: r.before }), ' → ', el('ins', { text: r.after }));
      }
      if (d.fix.applicability === 'unsafe') s.append(el('br'), el('small', { text: t.unsafeNote }));
      item.append(s);
    }
    const buttons = el('p', { class: 'actions' });
    if (d.end > d.start && opts.onShow) {
      buttons.append(el('button', { type: 'button', class: 'show', text: opts.showLabel || t.show, 'aria-label': `${opts.showLabel || t.show}: ${d.rule} ${where}`, onclick: () => opts.onShow(d, i) }));
    }
    if (d.fix && opts.onApply && opts.canApply) {
      buttons.append(el('button', { type: 'button', class: 'apply', text: t.apply, 'aria-label': `${t.apply}: ${d.rule} ${where}`, onclick: () => opts.onApply(d, i) }));
    }
    if (buttons.childNodes.length) item.append(buttons);
    return item;
  }

  /** Findings grouped by rule, in the order of the rules, with explanation and suggestions. */
  function ruleGroups(report, list, t, opts, level) {
    const rules = root.Arendelint.rules(opts.lang);
    const out = root.document.createDocumentFragment();
    for (const rule of rules) {
      const found = list.filter(([d]) => d.rule === rule.code);
      if (!found.length) continue;
      const hid = `${opts.idPrefix || 'g'}-${rule.code}`;
      const section = el('section', { class: 'rule-group', 'data-rule': rule.code, 'aria-labelledby': hid },
        el(`h${level}`, { id: hid, text: `${rule.code} ${rule.name} (${found.length})` }),
        el('p', { class: 'rule-summary', text: rule.summary }));
      const details = el('details', { class: 'explanation' }, el('summary', { text: `${t.explanation}: ${rule.code}` }));
      const body = el('div', { class: 'explanation-body' });
      body.innerHTML = explanationHtml(rule.code, opts.lang);
      details.append(body);
      section.append(details);
      const ol = el('ol', { class: 'findings' });
      for (const [d, i] of found) ol.append(findingItem(report, d, i, t, opts));
      section.append(ol);
      out.append(section);
    }
    return out;
  }

  function renderFindings(container, report, t, opts) {
    const list = report.diagnostics.map((d, i) => [d, i]);
    container.replaceChildren(ruleGroups(report, list, t, opts, 3));
  }

  /** Agenda mode: one card per case, its findings grouped by rule. */
  function renderCases(container, report, t, opts) {
    const frag = root.document.createDocumentFragment();
    const cases = report.cases || [];
    // As the CLI assigns them: the named case that contains the finding, else the named one.
    const owner = report.diagnostics.map((d) => {
      if (report.mode !== 'agenda') return cases.length ? 0 : -1;
      const named = (c) => d.case === c.case;
      const inside = (c) => d.start >= c.start && d.start < Math.max(c.end, c.start + 1);
      const k = cases.findIndex((c) => named(c) && inside(c));
      return k >= 0 ? k : cases.findIndex(named);
    });
    const taken = new Set();
    cases.forEach((c, k) => {
      const list = [];
      report.diagnostics.forEach((d, i) => {
        if (owner[i] === k) {
          list.push([d, i]);
          taken.add(i);
        }
      });
      const hid = `case-${k}`;
      const card = el('article', { class: `case-card${c.empty ? ' empty' : ''}`, 'aria-labelledby': hid, 'data-case': String(k) },
        el('h3', { id: hid, text: c.number ? `${t.caseNumber(c.number)} ${c.case}` : c.case }));
      const meta = el('p', { class: 'case-meta' });
      if (c.dnr) meta.append(`${t.dnr} ${c.dnr} · `);
      meta.append(c.empty ? t.noCaseText : t.caseCounts(c.errors, c.warnings, c.infos));
      card.append(meta);
      if (list.length) card.append(ruleGroups(report, list, t, { ...opts, idPrefix: `c${k}` }, 4));
      frag.append(card);
    });
    const rest = report.diagnostics.map((d, i) => [d, i]).filter(([, i]) => !taken.has(i));
    if (rest.length) {
      const card = el('article', { class: 'case-card', 'aria-labelledby': 'case-outside' }, el('h3', { id: 'case-outside', text: t.outside }));
      card.append(ruleGroups(report, rest, t, { ...opts, idPrefix: 'cx' }, 4));
      frag.append(card);
    }
    container.replaceChildren(frag);
  }

  function summaryText(report, t) {
    const s = report.summary;
    const n = s.errors + s.warnings + s.infos;
    let text = n ? t.summary(n, s.errors, s.warnings, s.infos) : t.none;
    if (report.cases && report.mode === 'agenda') text += t.summaryCases(report.cases.length);
    return text;
  }

  root.ArendelintUi = { el, renderText, renderFindings, renderCases, summaryText, rewrite };
})(typeof self !== 'undefined' ? self : globalThis);
