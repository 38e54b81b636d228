// The arendelint extension: starts `arendelint lsp` for Markdown and plain text,
// forwards the `arendelint.*` settings, and explains the rule under the cursor.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import {
  bundledPath,
  DiagnosticLike,
  explainArgs,
  explainLang,
  hoverWithExplainLinks,
  Mapped,
  parseRules,
  RawSettings,
  resolveServerPath,
  ruleOf,
  rulesAt,
  toServerSettings,
} from './settings';

const SECTION = 'arendelint';
const EXPLAIN_SCHEME = 'arendelint-explain';
const INSTALL_COMMAND = 'cargo install --path .';
/** The folder the extension is installed in (for the bundled program). */
let extensionFolder: string | undefined;

/** Markdown and plain text, saved or untitled: what the server checks. */
const DOCUMENT_SELECTOR = ['file', 'untitled'].flatMap((scheme) =>
  ['markdown', 'plaintext'].map((language) => ({ scheme, language })),
);

let client: LanguageClient | undefined;
let serverCommand: string | undefined;
let output: vscode.OutputChannel;
/** The problems last reported, so the same ones are not shown again on each change. */
let lastProblems = '';
/** Starting and stopping one at a time: a restart during a start waits for it. */
let queue: Promise<void> = Promise.resolve();

function rawSettings(): RawSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    path: config.get<unknown>('path'),
    lang: config.get<unknown>('lang'),
    severity: config.get<unknown>('severity'),
    enable: config.get<unknown>('enable'),
  };
}

function workspaceFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

/** The settings for the server; ignored entries are logged (and announced once). */
function serverSettings(): Mapped['settings'] {
  const { settings, problems } = toServerSettings(rawSettings(), vscode.env.language);
  const key = JSON.stringify(problems);
  if (key !== lastProblems) {
    lastProblems = key;
    for (const p of problems) {
      output.appendLine(`[settings] ${p.setting}: ${p.message}`);
    }
    if (problems.length > 0) {
      const show = vscode.l10n.t('Show output');
      void vscode.window
        .showWarningMessage(vscode.l10n.t('arendelint: some settings were ignored (see the arendelint output).'), show)
        .then((choice) => {
          if (choice === show) {
            output.show(true);
          }
        });
    }
  }
  return settings;
}

function enabled(): boolean {
  return toServerSettings(rawSettings(), vscode.env.language).settings.enable;
}

/** The program in a platform-specific .vsix, if this one has it. */
function bundled(): string | undefined {
  if (extensionFolder === undefined) {
    return undefined;
  }
  const file = bundledPath(extensionFolder);
  return fs.existsSync(file) ? file : undefined;
}

function resolve(): ReturnType<typeof resolveServerPath> {
  return resolveServerPath(rawSettings().path, { workspaceFolder: workspaceFolder(), bundled: bundled() });
}

/** The not-found case last announced: a later start attempt with the same outcome
 * (after a configuration change that does not touch the program) does not show it again. */
let announcedNotFound = '';

function resolveBinary(): string | undefined {
  const resolved = resolve();
  if (resolved.found) {
    announcedNotFound = '';
    return resolved.command;
  }
  output.appendLine(`[server] arendelint not found; tried: ${resolved.tried.join(', ') || '(nothing)'}`);
  const key = JSON.stringify(resolved);
  if (key !== announcedNotFound) {
    announcedNotFound = key;
    void notFound(resolved.configured);
  }
  return undefined;
}

async function notFound(configured: boolean): Promise<void> {
  const openSettings = vscode.l10n.t('Open settings');
  const copy = vscode.l10n.t('Copy install command');
  let message = configured
    ? vscode.l10n.t(
        'arendelint: the program set in "arendelint.path" was not found or cannot be run. Correct the setting, or install arendelint with "{0}" in a clone of the arendelint repository.',
        INSTALL_COMMAND,
      )
    : vscode.l10n.t(
        'arendelint: the arendelint program was not found on PATH. Install the .vsix for your platform (it has the program built in), install it with "{0}" in a clone of the arendelint repository (it goes to ~/.cargo/bin), or set "arendelint.path" to the program.',
        INSTALL_COMMAND,
      );
  if (!configured && vscode.env.remoteName !== undefined) {
    // "arendelint.path" is a machine setting: in a remote window VS Code reads it
    // from the remote computer's settings, and a value under User on the local
    // computer is kept for local windows.
    message +=
      ' ' +
      vscode.l10n.t(
        'In this remote window ({0}), VS Code reads "arendelint.path" from the Remote settings: if you set it under User, set it under the Remote tab.',
        vscode.env.remoteName,
      );
  }
  const choice = await vscode.window.showErrorMessage(message, openSettings, copy);
  if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'arendelint.path');
  } else if (choice === copy) {
    await vscode.env.clipboard.writeText(INSTALL_COMMAND);
  }
}

function createClient(command: string): LanguageClient {
  const cwd = workspaceFolder();
  const run = { command, args: ['lsp'], options: cwd === undefined ? {} : { cwd } };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: serverSettings(),
    outputChannel: output,
    // The hover's link to the full explanation runs the explain command.
    markdown: { isTrusted: { enabledCommands: ['arendelint.explainRule'] } },
    middleware: {
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        if (hover === null || hover === undefined) {
          return hover;
        }
        const contents = hover.contents.map((c) => {
          if (!(c instanceof vscode.MarkdownString)) {
            return c;
          }
          const m = new vscode.MarkdownString(hoverWithExplainLinks(c.value));
          m.isTrusted = { enabledCommands: ['arendelint.explainRule'] };
          return m;
        });
        return new vscode.Hover(contents, hover.range);
      },
      workspace: {
        // The server asks for the `arendelint` section when a change notification
        // came without settings: answer with the mapped settings, not the raw ones
        // (`path` and `lang: "auto"` are the extension's, not the server's).
        configuration: (params, _token, _next) =>
          params.items.map((item) =>
            item.section === SECTION || item.section === undefined ? serverSettings() : null,
          ),
      },
    },
  };
  return new LanguageClient('arendelint', 'arendelint', serverOptions, clientOptions);
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task).catch((error: unknown) => {
    output.appendLine(`[server] ${String(error)}`);
  });
  return queue;
}

async function start(): Promise<void> {
  if (client !== undefined || !enabled()) {
    return;
  }
  const command = resolveBinary();
  if (command === undefined) {
    return;
  }
  const c = createClient(command);
  client = c;
  serverCommand = command;
  try {
    await c.start();
    output.appendLine(`[server] started ${command} lsp`);
  } catch (error) {
    client = undefined;
    serverCommand = undefined;
    output.appendLine(`[server] could not start ${command}: ${String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('arendelint: the language server could not be started: {0}', String(error)));
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  serverCommand = undefined;
  if (c !== undefined) {
    try {
      await c.stop(2000);
    } catch (error) {
      output.appendLine(`[server] stop: ${String(error)}`);
    }
  }
}

function restart(): Promise<void> {
  return enqueue(async () => {
    await stop();
    lastProblems = '';
    announcedNotFound = '';
    await start();
  });
}

function configurationChanged(e: vscode.ConfigurationChangeEvent): void {
  if (!e.affectsConfiguration(SECTION)) {
    return;
  }
  void enqueue(async () => {
    if (client === undefined) {
      await start();
      return;
    }
    if (e.affectsConfiguration(`${SECTION}.path`)) {
      const resolved = resolve();
      if (!resolved.found || resolved.command !== serverCommand) {
        await stop();
        await start();
        return;
      }
    }
    // Also when `enable` turned false: the server then withdraws its diagnostics.
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: serverSettings() });
  });
}

// ---------------------------------------------------------------------------
// Explain the rule under the cursor

/** Explanations shown as read-only Markdown documents (`arendelint-explain:/JAM003.md`). */
class ExplanationProvider implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function toLike(d: vscode.Diagnostic): DiagnosticLike {
  const code = typeof d.code === 'object' ? { value: d.code.value } : d.code;
  return { source: d.source, code, range: d.range, message: d.message };
}

function runCli(command: string, args: string[], cwd: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 15000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(stderr.trim() || error.message));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** Where the CLI runs, so that it finds the same `arendelint.toml` as the server. */
function cliFolder(document: vscode.TextDocument | undefined): string | undefined {
  if (document !== undefined && document.uri.scheme === 'file') {
    return path.dirname(document.uri.fsPath);
  }
  return workspaceFolder();
}

async function pickRule(command: string, cwd: string | undefined, among: string[] | undefined): Promise<string | undefined> {
  let items: vscode.QuickPickItem[];
  let placeHolder: string;
  if (among !== undefined) {
    items = among.map((id) => ({ label: id }));
    placeHolder = vscode.l10n.t('Several arendelint findings here: pick the rule to explain');
  } else {
    const rules = parseRules(await runCli(command, ['rules', '--format', 'json'], cwd));
    items = rules.map((r) => ({ label: r.id, description: r.name }));
    placeHolder = vscode.l10n.t('No arendelint finding under the cursor: pick a rule to explain');
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder });
  return picked?.label;
}

async function explainRule(provider: ExplanationProvider, ruleArg?: unknown): Promise<void> {
  const command = serverCommand ?? resolveBinary();
  if (command === undefined) {
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const cwd = cliFolder(editor?.document);
  try {
    let rule = typeof ruleArg === 'string' ? ruleArg : undefined;
    if (rule === undefined) {
      const ids =
        editor === undefined
          ? []
          : rulesAt(vscode.languages.getDiagnostics(editor.document.uri).map(toLike), editor.selection.active);
      rule = ids.length === 1 ? ids[0] : await pickRule(command, cwd, ids.length > 1 ? ids : undefined);
    }
    if (rule === undefined) {
      return;
    }
    const lang = explainLang(rawSettings(), vscode.env.language);
    const text = await runCli(command, explainArgs(rule, lang), cwd);
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${rule}.md`, query: lang ?? '' });
    provider.set(uri, text);
    try {
      // Locked: the preview keeps the explanation when the user goes back to the
      // case (an unlocked one switches to the active Markdown document).
      await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', uri);
    } catch {
      // No Markdown preview (the built-in extension disabled): show the source.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(vscode.l10n.t('arendelint: could not explain the rule: {0}', message));
  }
}

/** "Explain JAM003" beside the quick fixes of each arendelint finding. */
class ExplainActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(
    _document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ids: string[] = [];
    for (const d of context.diagnostics) {
      const id = ruleOf(toLike(d));
      if (id !== undefined && !ids.includes(id)) {
        ids.push(id);
      }
    }
    return ids.map((id) => {
      const title = vscode.l10n.t('arendelint: explain {0}', id);
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.command = { command: 'arendelint.explainRule', title, arguments: [id] };
      return action;
    });
  }
}

// ---------------------------------------------------------------------------

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('arendelint');
  extensionFolder = context.extensionPath;
  const provider = new ExplanationProvider();
  context.subscriptions.push(
    output,
    provider,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, provider),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new ExplainActions(), {
      providedCodeActionKinds: ExplainActions.kinds,
    }),
    vscode.commands.registerCommand('arendelint.explainRule', (rule?: unknown) => explainRule(provider, rule)),
    vscode.commands.registerCommand('arendelint.restartServer', () => restart()),
    vscode.workspace.onDidChangeConfiguration(configurationChanged),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart()),
  );
  await enqueue(start);
}

export function deactivate(): Promise<void> {
  return enqueue(stop);
}
