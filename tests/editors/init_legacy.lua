-- Neovim 0.7 (Debian's package): the module in editors/neovim/lua/arendelint.lua,
-- set up the way its README says. The binary comes from the environment.
vim.cmd('filetype on')
vim.opt.runtimepath:prepend(os.getenv('ARENDELINT_REPO') .. '/editors/neovim')
require('arendelint').setup({ cmd = { os.getenv('ARENDELINT_BIN'), 'lsp' } })
