// Served in place of office.js when the browser test opens the Word task pane:
// just enough of Office and Word (an in-page document of a few paragraphs) to
// drive the pane's real code in Chromium. The add-in's logic is tested against
// office-addin-mock in Node (editors/word/test); this checks the pane itself.
(function () {
  'use strict';
  const doc = {
    paras: [
      { text: 'Ny vårdcentral i Älvby', styleBuiltIn: 'Title' },
      { text: 'Bakgrund', styleBuiltIn: 'Heading1' },
      { text: 'Vårdcentralen möter patienterna varje dag. Mottagningen hade 4 500 besökare i fjol.', styleBuiltIn: 'Normal' },
      { text: 'Konsekvenser för jämställdhet', styleBuiltIn: 'Heading2' },
      { text: 'Förslaget bedöms inte påverka jämställdheten.', styleBuiltIn: 'Normal' },
    ],
    selection: null,
    handlers: [],
  };
  window.__wordDoc = doc;
  function range(p, start, end) {
    return {
      select() { doc.selection = { paragraph: doc.paras.indexOf(p), text: p.text.slice(start, end) }; },
      insertText(text, where) {
        const at = where === 'Start' || where === 'Before' ? [start, start] : where === 'Replace' ? [start, end] : [end, end];
        p.text = p.text.slice(0, at[0]) + text + p.text.slice(at[1]);
      },
      getRange(where) { return where === 'End' ? range(p, end, end) : range(p, start, start); },
    };
  }
  function paragraph(p) {
    return {
      text: p.text, style: p.styleBuiltIn, styleBuiltIn: p.styleBuiltIn, outlineLevel: 10, isListItem: false, tableNestingLevel: 0,
      font: { bold: false, load() {} },
      search(needle) {
        const items = [];
        for (let i = p.text.indexOf(needle); i >= 0; i = p.text.indexOf(needle, i + needle.length)) items.push(range(p, i, i + needle.length));
        return { items, load() {} };
      },
      getRange(where) { return where === 'End' ? range(p, p.text.length, p.text.length) : range(p, 0, 0); },
      insertText(text, where) { if (where === 'End') p.text += text; else if (where === 'Start') p.text = text + p.text; else p.text = text; },
      insertParagraph(text, where) {
        const fresh = { text, styleBuiltIn: 'Normal' };
        doc.paras.splice(doc.paras.indexOf(p) + (where === 'After' ? 1 : 0), 0, fresh);
        return paragraph(fresh);
      },
    };
  }
  window.Word = {
    async run(callback) {
      const context = {
        document: { body: { paragraphs: { items: doc.paras.map(paragraph), load() {} }, tables: { items: [], load() {} } } },
        async sync() {},
      };
      return callback(context);
    },
  };
  window.Office = {
    HostType: { Word: 'Word' },
    EventType: { DocumentSelectionChanged: 'documentSelectionChanged' },
    context: { document: { addHandlerAsync(type, handler) { doc.handlers.push(handler); } } },
    onReady(callback) { setTimeout(() => callback({ host: 'Word', platform: 'OfficeOnline' }), 0); },
  };
})();
