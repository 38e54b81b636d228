// A Word API stand-in for the add-in's tests, built from Microsoft's
// office-addin-mock: every paragraph, font, table and search result is an
// OfficeMockObject, so a property read before `load` + `context.sync()` is an
// error value, as in Word. Behind the proxies is a small document model (the
// paragraphs and their styles) that search, select, insertText and
// insertParagraph read and change. Each Word.run gets fresh proxies.
'use strict';
const { OfficeMockObject } = require('office-addin-mock');

class WordDocument {
  /** paragraphs: [{text, styleBuiltIn?, style?, outlineLevel?, isListItem?, bold?, table?}] */
  constructor(paragraphs, tables) {
    this.paras = paragraphs.map((p) => ({ styleBuiltIn: 'Normal', style: 'Normal', outlineLevel: 10, isListItem: false, bold: false, table: false, ...p }));
    this.tables = tables || [];
    this.selection = null;
    this.runs = 0;
    this.syncs = 0;
  }

  texts() {
    return this.paras.map((p) => p.text);
  }

  /** The Word namespace: Word.run(callback). */
  namespace() {
    return { run: async (callback) => this.run(callback) };
  }

  async run(callback) {
    this.runs += 1;
    const mocks = [];
    const doc = this;
    const track = (m) => { mocks.push(m); return m; };

    const range = (para, start, end) => track(new OfficeMockObject({
      text: para.text.slice(start, end),
      select() { doc.selection = { paragraph: doc.paras.indexOf(para), start, end, text: para.text.slice(start, end) }; },
      insertText(text, location) {
        const at = { Replace: [start, end], Start: [start, start], Before: [start, start], End: [end, end], After: [end, end] }[location];
        if (!at) throw new Error(`insertText: location ${location}`);
        doc.replace(para, at[0], at[1], text);
        return range(para, at[0], at[0] + text.length);
      },
      getRange(location) {
        const at = location === 'End' || location === 'After' ? end : start;
        return range(para, at, at);
      },
    }, 'word'));

    const paragraph = (para) => {
      const m = new OfficeMockObject({
        text: para.text,
        style: para.style,
        outlineLevel: para.outlineLevel,
        isListItem: para.isListItem,
        tableNestingLevel: para.table ? 1 : 0,
        font: { bold: para.bold },
        search(needle, options) {
          if (!options || options.matchCase !== true) throw new Error('search without matchCase');
          const text = needle.replace(/\^\^/g, '^');
          const items = [];
          for (let i = para.text.indexOf(text); i >= 0 && text; i = para.text.indexOf(text, i + text.length)) {
            items.push(range(para, i, i + text.length));
          }
          return collection(items);
        },
        getRange(location) {
          return range(para, location === 'End' ? para.text.length : 0, location === 'End' ? para.text.length : 0);
        },
        insertText(text, location) {
          if (location === 'Start') doc.replace(para, 0, 0, text);
          else if (location === 'End') doc.replace(para, para.text.length, para.text.length, text);
          else if (location === 'Replace') doc.replace(para, 0, para.text.length, text);
          else throw new Error(`Paragraph.insertText: location ${location}`);
        },
        insertParagraph(text, location) {
          if (location !== 'Before' && location !== 'After') throw new Error(`insertParagraph: location ${location}`);
          const fresh = { text, styleBuiltIn: 'Normal', style: 'Normal', outlineLevel: 10, isListItem: false, bold: false, table: false };
          const i = doc.paras.indexOf(para);
          doc.paras.splice(location === 'Before' ? i : i + 1, 0, fresh);
          return paragraph(fresh);
        },
      }, 'word');
      // styleBuiltIn: read after load + sync; a write changes the paragraph's style.
      Object.defineProperty(m, 'styleBuiltIn', {
        get() { return m._styleBuiltIn; },
        set(v) {
          const n = /^Heading([1-9])$/.exec(v);
          para.styleBuiltIn = v;
          para.style = n ? `heading ${n[1]}` : v;
          para.outlineLevel = n ? Number(n[1]) : 10;
        },
        configurable: true,
      });
      m._styleBuiltIn = 'PropertyNotLoaded: styleBuiltIn';
      const load = m.load.bind(m);
      m.load = (props) => {
        const list = String(props).split(',').map((x) => x.trim());
        if (list.includes('styleBuiltIn')) m._loadStyle = true;
        const rest = list.filter((x) => x && x !== 'styleBuiltIn');
        if (rest.length) load(rest.join(','));
        return m;
      };
      m._para = para;
      return track(m);
    };

    /** A collection: `items` behind load, items loaded with `items/…`. */
    const collection = (items) => {
      const c = track(new OfficeMockObject({ count: items.length }, 'word'));
      c.items = 'error: items not loaded';
      c.load = (props) => {
        c._itemsLoaded = true;
        const own = String(props || '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('items/')).map((s) => s.slice(6));
        if (own.length) for (const it of items) it.load(own.join(','));
        return c;
      };
      c._items = items;
      return c;
    };

    const paragraphs = collection(this.paras.map(paragraph));
    const tables = collection(this.tables.map((values) => track(new OfficeMockObject({ values }, 'word'))));
    const context = {
      document: { body: { paragraphs, tables } },
      async sync() {
        doc.syncs += 1;
        for (const m of mocks.slice()) {
          if (m._itemsLoaded) m.items = m._items;
          if (m._loadStyle) m._styleBuiltIn = m._para.styleBuiltIn;
          await m.sync();
          for (const key of m._properties.keys()) m.updatePropertyCall(key);
        }
        await new Promise((r) => setImmediate(r));
      },
    };
    return callback(context);
  }

  replace(para, start, end, text) {
    const lines = text.split('\n');
    para.text = para.text.slice(0, start) + lines[0] + para.text.slice(end);
    if (lines.length > 1) {
      // Word makes a new paragraph at each line break.
      const rest = para.text.slice(start + lines[0].length);
      para.text = para.text.slice(0, start + lines[0].length);
      const i = this.paras.indexOf(para);
      const added = lines.slice(1).map((l) => ({ ...para, text: l }));
      added[added.length - 1].text += rest;
      this.paras.splice(i + 1, 0, ...added);
    }
  }
}

module.exports = { WordDocument };
