-- Runs inside headless Neovim with tests/editors/case.md open: waits for the
-- diagnostics, checks rule ids and lines, applies the JAM003 quick fix and
-- checks the buffer. Exits 0 on success, 1 on failure.
local buf = vim.api.nvim_get_current_buf()

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function fail(msg)
  io.stderr:write('FAIL (' .. tostring(vim.version and vim.version().minor) .. '): ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function summary()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, string.format('%s@%d:%d', tostring(code_of(d)), d.lnum + 1, d.col))
  end
  table.sort(out)
  return table.concat(out, ' ')
end

local function has(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code_of(d) == code then
      return d
    end
  end
end

if not vim.wait(20000, function() return has('JAM001') and has('JAM003') and has('JAM004') end, 50) then
  fail('no diagnostics after 20 s; got: ' .. summary())
end

local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = buf }) or vim.lsp.buf_get_clients(buf)
local client = clients[1] or select(2, next(clients))
if not client then
  fail('no arendelint client attached')
end
-- Neovim 0.10+ offers utf-8 and pull diagnostics; 0.7 has neither.
local pull = client.server_capabilities ~= nil and client.server_capabilities.diagnosticProvider ~= nil
say('client: ' .. client.name .. ', position encoding ' .. tostring(client.offset_encoding) .. ', pull diagnostics: ' .. tostring(pull))
local modern = vim.version().major > 0 or vim.version().minor >= 10
if modern ~= pull or (modern and client.offset_encoding ~= 'utf-8') then
  fail('unexpected negotiation for this Neovim')
end

-- Rule ids and lines; the JAM003 column is in bytes in Neovim whatever the
-- encoding, so this also checks the negotiated conversion (å, ä, ö, emoji).
local expected = 'JAM001@1:0 JAM003@5:35 JAM004@7:15'
if summary() ~= expected then
  fail('diagnostics: expected ' .. expected .. ', got ' .. summary())
end
say('diagnostics: ' .. summary())

-- The quick fix for JAM003, requested for its line and applied as the client does.
local jam003 = has('JAM003')
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = {
    start = { line = jam003.lnum, character = 0 },
    ['end'] = { line = jam003.lnum + 1, character = 0 },
  },
  context = { diagnostics = {}, only = { 'quickfix' } },
}
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}
local chosen
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    local codes = action.diagnostics and action.diagnostics[1] and action.diagnostics[1].code
    if action.kind == 'quickfix' and action.isPreferred and codes == 'JAM003' then
      chosen = action
    end
  end
end
if not chosen then
  fail('no JAM003 quick fix offered')
end
say('applying: ' .. chosen.title)
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)

local line = vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1]
local want = 'Åsa, Ärla och Örjan 😀 möter patienterna (kvinnor och män) i dag.'
if line ~= want then
  fail('after the fix, line 5 is "' .. tostring(line) .. '"')
end

-- The server re-checks the edited buffer: JAM003 goes, the others stay.
if not vim.wait(20000, function() return not has('JAM003') and has('JAM001') ~= nil end, 50) then
  fail('JAM003 still reported after the fix: ' .. summary())
end
say('after the fix: ' .. summary())
say('OK')
vim.cmd('qall!')
