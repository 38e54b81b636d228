-- Neovim 0.11+: the configuration in editors/neovim/lsp/arendelint.lua, enabled
-- the way its README says. The binary comes from the environment.
vim.cmd('filetype on')
vim.opt.runtimepath:prepend(os.getenv('ARENDELINT_REPO') .. '/editors/neovim')
vim.lsp.config('arendelint', { cmd = { os.getenv('ARENDELINT_BIN'), 'lsp' } })
vim.lsp.enable('arendelint')
