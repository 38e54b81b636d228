-- Starts the arendelint language server on Markdown and text buffers, for any
-- Neovim from 0.7 on (`vim.lsp.start` where it exists, else
-- `vim.lsp.start_client`). The defaults live in ../lsp/arendelint.lua, shared
-- with Neovim 0.11's `vim.lsp.enable('arendelint')`.
--
--   require('arendelint').setup({ cmd = { '/path/to/arendelint', 'lsp' } })
local M = {}

local function defaults()
  local this_file = debug.getinfo(1, 'S').source:sub(2)
  local root = vim.fn.fnamemodify(this_file, ':p:h:h')
  return dofile(root .. '/lsp/arendelint.lua')
end

--- The effective configuration: the defaults with `overrides` on top.
function M.config(overrides)
  return vim.tbl_deep_extend('force', defaults(), overrides or {})
end

local function root_dir(bufnr, markers)
  if not vim.fs or not vim.fs.find then
    return nil -- Neovim 0.7: no vim.fs; the server works without a root.
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil
  end
  local found = vim.fs.find(markers, { upward = true, path = vim.fs.dirname(name) })[1]
  return found and vim.fs.dirname(found) or nil
end

local legacy_client_id

--- Starts (or reuses) the server for `bufnr`; returns the client id.
function M.start(bufnr, config)
  local params = {
    name = 'arendelint',
    cmd = config.cmd,
    root_dir = root_dir(bufnr, config.root_markers or {}),
    init_options = config.init_options,
    settings = config.settings,
  }
  if vim.lsp.start then
    return vim.lsp.start(params, { bufnr = bufnr })
  end
  -- Neovim 0.7: one client for every buffer.
  if not legacy_client_id or vim.lsp.client_is_stopped(legacy_client_id) then
    legacy_client_id = vim.lsp.start_client(params)
  end
  if legacy_client_id then
    vim.lsp.buf_attach_client(bufnr, legacy_client_id)
  end
  return legacy_client_id
end

--- Starts the server for every buffer of the configured file types.
function M.setup(overrides)
  local config = M.config(overrides)
  local group = vim.api.nvim_create_augroup('arendelint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.start(args.buf, config)
    end,
  })
end

return M
