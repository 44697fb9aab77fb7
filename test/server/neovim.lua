-- Driven by test/server/neovim.test.ts: Neovim's own LSP client starts `node bin/journeymap.js lsp
-- --stdio` for the map opened in this headless Neovim, waits for its diagnostics, asks for a hover
-- and renames the lane `iam` (Neovim applies the edit to the buffer), then writes what it saw as
-- JSON to $JOURNEYMAP_NVIM_OUT and quits. Works with Neovim 0.7 (start_client) and later (vim.lsp.start).
local out_path = os.getenv('JOURNEYMAP_NVIM_OUT')
local bin = os.getenv('JOURNEYMAP_BIN')
local root = os.getenv('JOURNEYMAP_ROOT')
local result = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'journeymap',
    cmd = { 'node', bin, 'lsp', '--stdio' },
    root_dir = root,
    settings = { journeymap = { today = '2026-11-27' } },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  result.attached = vim.wait(10000, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true or (client ~= nil and client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil)
  end, 50)
  local client = vim.lsp.get_client_by_id(client_id)

  -- 1. Diagnostics, as Neovim's diagnostic module holds them.
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, message = d.message, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) })
  end

  -- Where `lane: iamm` is (the broken reference), and the lane's id line.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local ref_line, id_line
  for i, line in ipairs(lines) do
    if line:match('^%s+lane: iamm$') then ref_line = i - 1 end
    if line:match('^%s+%- id: iam$') then id_line = i - 1 end
  end

  local id_col = (lines[id_line + 1]:find('iam')) - 1
  -- 2. A hover over the lane's id.
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = id_line, character = id_col },
  }, 10000, bufnr)
  result.hover = hover and hover.result and hover.result.contents or vim.NIL

  -- 3. Rename the lane `iam` to `identity` with Neovim's own command; it applies the edit itself.
  vim.api.nvim_win_set_cursor(0, { id_line + 1, id_col })
  vim.lsp.buf.rename('identity')
  vim.wait(10000, function()
    for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      if line:match('%- id: identity$') then return true end
    end
    return false
  end, 50)
  result.renamed = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  result.ref_line = ref_line
  result.id_line = id_line
end)
if not ok then result.error = tostring(err) end
finish()
