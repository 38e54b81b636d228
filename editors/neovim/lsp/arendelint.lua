-- arendelint language server: configuration for Neovim 0.11+ (`vim.lsp.config`),
-- in the shape nvim-lspconfig uses for its `lsp/<name>.lua` files.
--
-- With this folder on 'runtimepath':
--   vim.lsp.enable('arendelint')
-- Override any field first, e.g. a binary that is not on PATH:
--   vim.lsp.config('arendelint', { cmd = { '/path/to/arendelint', 'lsp' } })
return {
  cmd = { 'arendelint', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- The server finds arendelint.toml from each file itself; the root only
  -- groups buffers into one server. No root is fine too.
  root_markers = { 'arendelint.toml', '.git' },
  -- Sent as initializationOptions; the same keys work as `settings.arendelint`
  -- through workspace/didChangeConfiguration.
  init_options = {
    lang = 'sv', -- 'sv' or 'en': messages, fix titles and hover texts
    -- severity = { JAM007 = 'info', JAM003 = 'off' },
    -- enable = true,
  },
}
