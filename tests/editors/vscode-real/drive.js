// Drives a real VS Code (code-server in headless Chromium, via playwright-core)
// with the arendelint .vsix installed: opens tests/editors/case.md and checks
// the Problems panel (rule, line, column), the hover, and the JAM003 quick fix
// (the text on disk changes and the finding goes away). Screenshots in OUT.
//
//   node drive.js URL CASE_FILE OUT_DIR EXTENSIONS_DIR
// Needs NODE_PATH to hold playwright-core; CHROMIUM (default /usr/bin/chromium).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { chromium } = require('playwright-core');

const [url, caseFile, outDir, extensionsDir] = process.argv.slice(2);
const STEP_MS = 60000;

function fail(message) {
  throw new Error(message);
}

async function until(what, fn, timeout = STEP_MS) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`timed out after ${timeout / 1000} s waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
}

/** The Problems panel: "RULE@line:col" for each arendelint row, sorted. */
async function problems(page) {
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ')));
  const out = [];
  for (const row of rows) {
    const rule = row.match(/arendelint\s*\(?(JAM\d{3}|ARL\d{3})\)?/);
    const at = row.match(/\[Ln (\d+), Col (\d+)\]/);
    if (rule && at) out.push(`${rule[1]}@${at[1]}:${at[2]}`);
  }
  return out.sort();
}

async function palette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${command}`);
  await until(`the command "${command}" in the palette`, async () =>
    (await page.locator('.quick-input-widget .monaco-list-row', { hasText: command }).count()) > 0,
  );
  await page.keyboard.press('Enter');
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const report = {};
  try {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: STEP_MS });
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_MS });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: STEP_MS }).catch(() => undefined);

    // Open the case with Quick Open.
    const name = path.basename(caseFile);
    await until('Quick Open', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5000 });
      return true;
    });
    await page.locator('.quick-input-widget input').fill(name);
    await until(`${name} in Quick Open`, async () => (await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).count()) > 0);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'patienterna' }).waitFor({ timeout: STEP_MS });

    // The Problems panel.
    await page.keyboard.press('Control+Shift+M');
    const expected = ['JAM001@1:1', 'JAM003@5:30', 'JAM004@7:16'];
    const got = await until('the Problems panel entries', async () => {
      const p = await problems(page);
      return p.length >= expected.length ? p : false;
    }, 120000);
    report.problems = got;
    if (JSON.stringify(got) !== JSON.stringify(expected)) fail(`Problems panel: expected ${expected.join(' ')}, got ${got.join(' ')}`);
    await page.screenshot({ path: path.join(outDir, 'vscode-problems.png') });

    // The server that answers is the bundled one, from the installed extension.
    const servers = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('/bin/arendelint lsp'));
    report.server = servers;
    if (servers.length !== 1 || !servers[0].startsWith(path.join(extensionsDir, 'arendelint.arendelint-'))) {
      fail(`expected one server from ${extensionsDir}, running: ${JSON.stringify(servers)}`);
    }

    // The hover on "patienterna" (line 5, inside the word).
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':5:33');
    await page.keyboard.press('Enter');
    await palette(page, 'Show or Focus Hover');
    const hover = await until('the hover', async () => {
      const texts = await page.$$eval('.monaco-hover', (els) => els.map((e) => e.innerText));
      // The Problems entry shows at once; the server's part follows.
      return texts.find((t) => t.includes('JAM003 ungendered-target-group') && t.includes('Full explanation')) || false;
    });
    report.hover = hover;
    report.hoverChars = hover.length;
    for (const part of [
      'JAM003 ungendered-target-group: "patienterna" does not name the sexes.',
      'The first mention in a section is enough once it names the sexes.',
      'A target group is named with a gender-neutral word (patienterna, invånarna, alla) in a sentence that does not mention sex.',
      'Scope: words in running text',
      'Full explanation',
    ]) {
      if (!hover.includes(part)) fail(`hover lacks ${JSON.stringify(part)}: ${hover}`);
    }
    // The widget also shows the Problems entry (message, source, code) above the
    // server's part; the server's part starts at the rule id in bold.
    const start = hover.indexOf('JAM003 ungendered-target-group:');
    const end = hover.indexOf('Full explanation');
    report.serverHoverChars = end + 'Full explanation'.length - start;
    if (start < 0 || end < start || report.serverHoverChars > 600) fail(`the server's hover is ${report.serverHoverChars} characters: ${hover}`);
    if (/What it does|Why|Configuration/.test(hover)) fail(`hover holds the full explanation: ${hover}`);
    await page.screenshot({ path: path.join(outDir, 'vscode-hover.png') });

    // The hover's link opens the full explanation (the explain command) beside the case.
    await page.locator('.monaco-hover a', { hasText: 'Full explanation' }).first().click();
    await until('the explanation preview tab', async () =>
      (await page.locator('.tabs-container .tab', { hasText: 'JAM003' }).count()) > 0,
    );
    report.explainTab = await page.locator('.tabs-container .tab', { hasText: 'JAM003' }).first().innerText();
    await page.screenshot({ path: path.join(outDir, 'vscode-explain.png') });
    // Back to the case, cursor on the finding; the preview keeps the explanation.
    await until('the case tab', async () => {
      await page.locator('.tabs-container .tab', { hasText: name }).first().click();
      return true;
    });
    await new Promise((r) => setTimeout(r, 1000));
    if ((await page.locator('.tabs-container .tab', { hasText: 'JAM003' }).count()) === 0) {
      fail('the explanation preview did not stay on JAM003 after going back to the case');
    }
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':5:33');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');

    // The JAM003 quick fix: Ctrl+. on the finding, pick it, save.
    const fixTitle = 'Add "(kvinnor och män)" (settles the whole section)';
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row', { hasText: fixTitle }).first();
    await item.waitFor({ timeout: STEP_MS });
    report.actions = await page.$$eval('.action-widget .monaco-list-row, .context-view .monaco-list-row', (els) => els.map((e) => e.innerText.trim()));
    await item.click();
    await page.keyboard.press('Control+S');
    const line5 = 'Åsa, Ärla och Örjan 😀 möter patienterna (kvinnor och män) i dag.';
    await until('the fixed text on disk', async () => fs.readFileSync(caseFile, 'utf8').split('\n')[4] === line5);
    const after = await until('JAM003 to leave the Problems panel', async () => {
      const p = await problems(page);
      return JSON.stringify(p) === JSON.stringify(['JAM001@1:1', 'JAM004@7:16']) ? p : false;
    });
    report.afterFix = after;
    await page.screenshot({ path: path.join(outDir, 'vscode-after-fix.png') });
  } catch (e) {
    await page.screenshot({ path: path.join(outDir, 'vscode-failure.png') }).catch(() => undefined);
    report.error = e instanceof Error ? e.message : String(e);
  } finally {
    fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    await browser.close();
  }
  if (report.error !== undefined) {
    console.error(`vscode-real: FAILED: ${report.error}`);
    process.exit(1);
  }
  console.log(`vscode-real: Problems ${report.problems.join(' ')}; hover ${report.hoverChars} chars (server part ${report.serverHoverChars}); quick fix applied, left ${report.afterFix.join(' ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
