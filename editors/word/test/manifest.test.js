// The add-in manifest, offline. `office-addin-manifest validate` posts the
// file to Microsoft's validation service, and the XML schema (XSD) is
// published only on Microsoft's documentation site, not in an npm package; so
// the manifest is read with office-addin-manifest's own reader and checked
// against what the schema requires: the element order of a TaskPaneApp,
// string lengths, resource ids, and that every URL is a file of the bundle.
//
//   ARENDELINT_DIST=web/dist node --test editors/word/test/manifest.test.js
'use strict';
const test = require('node:test');
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { OfficeAddinManifest } = require('office-addin-manifest');
const xml2js = require('xml2js');

const manifest = path.resolve(__dirname, '../manifest.xml');
const dist = process.env.ARENDELINT_DIST || path.resolve(__dirname, '../../../web/dist');
const BASE = 'https://localhost:3000/';

test('office-addin-manifest reads it: a Word task-pane add-in', async () => {
  const info = await OfficeAddinManifest.readManifestFile(manifest);
  assert.match(info.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.match(info.version, /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(info.officeAppType, 'TaskPaneApp');
  assert.deepEqual(info.hosts, ['Document']);
  assert.equal(info.permissions, 'ReadWriteDocument');
  assert.equal(info.defaultLocale, 'sv-SE');
  assert.equal(info.defaultSettings.sourceLocation, `${BASE}taskpane.html`);
  assert.ok(info.displayName.length <= 125 && info.description.length <= 250);
});

test('the elements follow the schema: order of a TaskPaneApp, ids defined, strings within their lengths', async () => {
  const text = fs.readFileSync(manifest, 'utf8');
  const doc = await xml2js.parseStringPromise(text, { explicitChildren: true, preserveChildrenOrder: true });
  const order = doc.OfficeApp.$$.map((e) => e['#name']);
  // OfficeAppManifest v1.1, TaskPaneApp: the sequence of the schema (optional elements may be absent).
  const schema = ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
    'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'Dictionary', 'VersionOverrides'];
  let at = -1;
  for (const name of order) {
    const i = schema.indexOf(name);
    assert.ok(i > at, `${name} is out of the schema's order (${order.join(', ')})`);
    at = i;
  }
  const defined = new Set([...text.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
  const used = [...text.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  for (const id of used) assert.ok(defined.has(id), `resid ${id} is not defined`);
  for (const m of text.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]*)"/g)) {
    const short = text.indexOf(m[0]) < text.indexOf('<bt:LongStrings>');
    assert.ok(m[2].length <= (short ? 125 : 250), `${m[1]} is too long`);
  }
  for (const m of text.matchAll(/Control xsi:type="Button" id="([^"]+)"/g)) assert.ok(m[1].length <= 125);
});

test('every URL of the add-in is a file of the bundle (web/build.sh writes web/dist/word)', () => {
  const text = fs.readFileSync(manifest, 'utf8');
  const urls = [...new Set([...text.matchAll(/"(https:\/\/localhost:3000\/[^"]*)"/g)].map((m) => m[1]))];
  assert.equal(urls.length, 4, urls.join(" "));
  for (const url of urls) {
    const file = path.join(dist, 'word', url.slice(BASE.length));
    assert.ok(fs.existsSync(file), `${url}: ${file} is missing`);
  }
  // The pane loads the same core and list as the page.
  const pane = fs.readFileSync(path.join(dist, 'word', 'taskpane.html'), 'utf8');
  for (const script of ['arendelint_wasm_base64.js', 'arendelint_wasm.js', 'arendelint.js', 'ui.js', 'addin.js', 'taskpane.js']) {
    assert.ok(pane.includes(`src="${script}"`), script);
    assert.ok(fs.existsSync(path.join(dist, 'word', script)), script);
  }
  const png = fs.readFileSync(path.join(dist, 'word', 'assets', 'icon-80.png'));
  assert.equal(png.readUInt32BE(16), 80);
});
