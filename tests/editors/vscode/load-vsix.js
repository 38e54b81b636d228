// Used by tests/editors/vscode.sh: node load-vsix.js DIR (the unpacked extension/ folder).
// Loads the packaged extension with a stand-in `vscode` module: every require
// inside the .vsix must resolve from the .vsix itself.
const Module = require('module');
const path = require('path');
const dir = path.resolve(process.argv[2]);
const stub = new Proxy(function () {}, {
  get: (t, k) => (k === Symbol.toPrimitive ? () => '' : k === 'then' ? undefined : stub),
  apply: () => stub,
  construct: () => stub,
});
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'vscode') return 'vscode';
  const file = resolve.call(this, request, parent, ...rest);
  if (!file.startsWith(dir + path.sep) && !Module.isBuiltin(request)) {
    throw new Error(`${request} resolved outside the package: ${file}`);
  }
  return file;
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
const ext = require(path.join(dir, 'out', 'extension.js'));
for (const name of ['activate', 'deactivate']) {
  if (typeof ext[name] !== 'function') throw new Error(`extension.js exports no ${name}`);
}
const client = require(path.join(dir, 'node_modules', 'vscode-languageclient', 'node.js'));
if (typeof client.LanguageClient !== 'function') throw new Error('no LanguageClient in the package');
