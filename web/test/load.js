// Loads the built bundle (web/build.sh's output) into Node exactly as the page
// loads it: the classic scripts, in order, in this realm. Returns Arendelint
// after init().
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

async function loadArendelint(dist) {
  globalThis.self = globalThis;
  for (const file of ['arendelint_wasm_base64.js', 'arendelint_wasm.js', 'arendelint.js']) {
    const code = fs.readFileSync(path.join(dist, file), 'utf8');
    vm.runInThisContext(code, { filename: file });
  }
  await globalThis.Arendelint.init();
  return globalThis.Arendelint;
}

module.exports = { loadArendelint };
