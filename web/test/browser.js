// The page in headless Chromium (Debian's, driven by playwright-core), opened
// from file://: paste a case and see the findings (rule ids, highlighted
// text), apply a fix and see the finding go, drop a .docx (one document, then
// an agenda with a card per case), keyboard use, the English switch, the Word
// task pane on an office.js stand-in (select, apply), axe-core
// (WCAG 2.1 A and AA) with zero violations in each state, and no network
// request at all. Screenshots and report.json (with time-to-first-result) in OUT.
//
//   node browser.js DIST_DIR OUT_DIR AXE_JS
// Needs NODE_PATH to hold playwright-core; CHROMIUM (default /usr/bin/chromium).
'use strict';
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const [dist, out, axePath] = process.argv.slice(2);
const repo = path.resolve(__dirname, '../..');
const CASE = fs.readFileSync(path.join(repo, 'tests/editors/case.md'), 'utf8');
const DOCX = path.join(repo, 'tests/fixtures/pdf/kallelse.docx');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

async function axe(page, label, report) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    // Evaluated through the DevTools protocol: the page's CSP stays as it is.
    await page.evaluate(fs.readFileSync(axePath, 'utf8'));
  }
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
    // axe would fetch the stylesheet itself (for css-orientation-lock); the
    // page's CSP refuses that, and the page has no orientation lock.
    preload: false,
  }));
  const violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  report.axe[label] = { violations: violations.length, passes: result.passes.length };
  assert.deepEqual(violations, [], `axe-core violations (${label}): ${JSON.stringify(violations, null, 1)}`);
}

/** The findings the page lists: rule ids in order. */
async function listed(page) {
  return page.$$eval('#findings li.finding', (els) => els.map((e) => e.dataset.rule));
}

/** The highlighted text: "RULES|text" per mark that starts a finding. */
async function marks(page) {
  return page.$$eval('#doc mark[id]', (els) => els.map((e) => `${e.dataset.rule}|${e.textContent}`));
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const report = { axe: {}, requests: [], blocked: [] };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const distUrl = `file://${path.resolve(dist)}/`;
  // Every request is recorded; anything that is not one of the page's own files is refused.
  context.on('request', (r) => report.requests.push(r.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(distUrl)) return route.continue();
    report.blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    const t0 = Date.now();
    await page.goto(`${distUrl}index.html`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready=true]', { timeout: 30000 });
    await axe(page, 'empty', report);

    // 1. Paste a case: the findings and the highlighted text.
    await page.locator('#source').fill(CASE);
    await page.locator('#check').click();
    await page.waitForSelector('#findings li.finding');
    report.wall_ms_to_first_result = Date.now() - t0;
    report.timings = await page.evaluate(() => window.arendelintTimings);
    assert.deepEqual(await listed(page), ['JAM001', 'JAM003', 'JAM004']);
    assert.deepEqual(await marks(page), ['JAM003|patienterna', 'JAM004|4 500 besökare']);
    assert.match(await page.locator('#status').innerText(), /^3 anmärkningar: 1 fel, 2 varningar, 0 info\./);
    await page.screenshot({ path: path.join(out, '1-pasted.png'), fullPage: true });
    await axe(page, 'findings', report);

    // 2. Keyboard: "Show in the text" moves the focus to the finding's mark.
    const show = page.locator('li.finding[data-rule=JAM003] button.show');
    await show.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.textContent), 'patienterna');

    // 3. Apply the JAM003 fix (with the keyboard): the finding disappears.
    await page.locator('li.finding[data-rule=JAM003] button.apply').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('li.finding[data-rule=JAM003]'));
    assert.deepEqual(await listed(page), ['JAM001', 'JAM004']);
    assert.ok((await page.locator('#source').inputValue()).includes('möter patienterna (kvinnor och män) i dag'));
    assert.match(await page.locator('#status').innerText(), /^Förslaget har tillämpats\. 2 anmärkningar kvar\./);
    await page.screenshot({ path: path.join(out, '2-fixed.png'), fullPage: true });

    // 4. Drop a .docx onto the text box.
    const b64 = fs.readFileSync(DOCX).toString('base64');
    await page.evaluate(({ b64, name }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      const target = document.getElementById('drop');
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { b64, name: 'kallelse.docx' });
    await page.waitForFunction(() => !document.getElementById('file-note').hidden && document.querySelectorAll('#findings li.finding').length > 3);
    // As `arendelint check kallelse.docx`, grouped by rule.
    assert.deepEqual(await listed(page), ['JAM002', 'JAM003', 'JAM003', 'JAM003', 'JAM004', 'JAM004', 'JAM004']);
    assert.equal(await page.locator('#findings button.apply').count(), 0, 'a Word file is only read');
    assert.match(await page.locator('#hint').innerText(), /ser ut som en kallelse/);
    await axe(page, 'docx', report);

    // 5. The same file as an agenda: one card per case.
    await page.locator('#agenda').check();
    await page.waitForSelector('article.case-card');
    const cards = await page.$$eval('article.case-card h3', (els) => els.map((e) => e.textContent));
    assert.deepEqual(cards, ['§ 12 Utökade öppettider på stadsbiblioteket', '§ 13 Ny förskola i Norrby', '§ 14 Hemtjänst i glesbygd', '§ 15 Sommarlovsaktiviteter för unga']);
    const perCard = await page.$$eval('article.case-card', (els) => els.map((e) => [...e.querySelectorAll('li.finding')].map((li) => li.dataset.rule).join(' ')));
    assert.equal(perCard.join(' | ').split(/[ |]+/).filter(Boolean).length, 8);
    await page.screenshot({ path: path.join(out, '3-docx-agenda.png'), fullPage: true });
    await axe(page, 'agenda', report);

    // 6. English.
    await page.locator('#lang').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await page.locator('#status').innerText(), /^8 findings: 1 error, 7 warnings, 0 info\. 4 cases\./);
    const message = await page.locator('li.finding .message').first().innerText();
    assert.match(message, /[A-Za-z]/);
    assert.ok(!/ärendet saknar/i.test(message), message);
    await page.locator('article.case-card details.explanation summary').first().click();
    await page.screenshot({ path: path.join(out, '4-english.png'), fullPage: true });
    await axe(page, 'english', report);

    assert.deepEqual(errors, [], `errors in the page: ${errors.join('\n')}`);

    // 7. The Word task pane, with office.js replaced by a stand-in (office-stub.js).
    const pane = await context.newPage();
    pane.on('pageerror', (e) => errors.push(`pane: ${e}`));
    await pane.route(OFFICE_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(__dirname, 'office-stub.js'), 'utf8') }));
    await pane.goto(`${distUrl}word/taskpane.html`, { waitUntil: 'load' });
    await pane.waitForSelector('#findings li.finding');
    assert.deepEqual(await listed(pane), ['JAM002', 'JAM003', 'JAM004']);
    await axe(pane, 'word-pane', report);
    await pane.locator('li.finding[data-rule=JAM003] button.show').click();
    await pane.waitForFunction(() => window.__wordDoc.selection && window.__wordDoc.selection.text === 'patienterna');
    await pane.locator('li.finding[data-rule=JAM003] button.apply').click();
    await pane.waitForFunction(() => !document.querySelector('li.finding[data-rule=JAM003]'));
    assert.equal(await pane.evaluate(() => window.__wordDoc.paras[2].text), 'Vårdcentralen möter patienterna (kvinnor och män) varje dag. Mottagningen hade 4 500 besökare i fjol.');
    await pane.setViewportSize({ width: 360, height: 900 });
    await pane.screenshot({ path: path.join(out, '5-word-pane.png'), fullPage: true });
    assert.deepEqual(errors, [], `errors in the pane: ${errors.join('\n')}`);
    await pane.close();
  } catch (e) {
    await page.screenshot({ path: path.join(out, 'failure.png'), fullPage: true }).catch(() => undefined);
    fs.writeFileSync(path.join(out, 'report.json'), JSON.stringify({ ...report, error: String(e && e.stack) }, null, 2));
    throw e;
  } finally {
    await browser.close();
  }
  // No network request: only the page's own files were ever asked for.
  // (The task pane asks for Word's office.js, answered by the stand-in above.)
  const foreign = report.requests.filter((u) => !u.startsWith(distUrl) && u !== OFFICE_JS);
  assert.deepEqual(foreign, [], 'requests outside the page');
  assert.deepEqual(report.blocked, []);
  fs.writeFileSync(path.join(out, 'report.json'), JSON.stringify(report, null, 2));
  console.log(`browser: OK; time to first result ${Math.round(report.timings.firstResult)} ms after navigation (core ready at ${Math.round(report.timings.ready)} ms; first check with its list ${report.timings.firstCheck.toFixed(1)} ms); ${report.requests.length} requests, all file:// in the bundle; axe-core: 0 violations in ${Object.keys(report.axe).length} states`);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
