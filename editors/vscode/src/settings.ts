// Maps the VS Code settings (`arendelint.*`) to what the language server reads
// from `initializationOptions` and `workspace/didChangeConfiguration`:
// `{ "lang": "sv"|"en", "severity": {"JAM003": "off"}, "enable": bool }`
// (crates/arendelint-lsp/src/settings.rs). No `vscode` import, so that it can be
// unit-tested with Node's test runner.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type Lang = 'sv' | 'en';
export type SeverityName = 'off' | 'info' | 'warning' | 'error';

export const SEVERITY_NAMES: readonly SeverityName[] = ['off', 'info', 'warning', 'error'];
export const RULE_ID = /^JAM\d{3}$/;

/** The settings as VS Code hands them over: anything may be in there. */
export interface RawSettings {
  path?: unknown;
  lang?: unknown;
  severity?: unknown;
  enable?: unknown;
}

/** Exactly what the server accepts; unknown keys would earn a warning from it. */
export interface ServerSettings {
  lang?: Lang;
  severity: Record<string, SeverityName>;
  enable: boolean;
}

/** A setting that was ignored, and why (in English; the extension shows it in its log). */
export interface SettingProblem {
  setting: string;
  message: string;
}

export interface Mapped {
  settings: ServerSettings;
  problems: SettingProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The language for VS Code's display language (`vscode.env.language`, such as
 * "sv", "en", "en-gb"): Swedish for Swedish, else English, the language of the
 * extension's own strings (it ships a Swedish translation and English).
 */
export function displayLang(language: string): Lang {
  return /^sv(\b|[-_])/i.test(language.trim()) ? 'sv' : 'en';
}

/**
 * The server settings for the given VS Code settings. `lang: "auto"` (or no
 * value) follows VS Code's display language when `displayLanguage` is given, so
 * that the server's findings and quick fixes are in the language of the
 * extension's own strings; without it the language is left to `arendelint.toml`
 * (else Swedish). Rule ids are upper-cased; invalid entries are left out and
 * reported, so that one typo does not discard the rest (as the server itself does).
 */
export function toServerSettings(raw: RawSettings, displayLanguage?: string): Mapped {
  const problems: SettingProblem[] = [];
  const settings: ServerSettings = { severity: {}, enable: true };
  if (displayLanguage !== undefined) {
    settings.lang = displayLang(displayLanguage);
  }

  if (raw.enable !== undefined && raw.enable !== null) {
    if (typeof raw.enable === 'boolean') {
      settings.enable = raw.enable;
    } else {
      problems.push({ setting: 'arendelint.enable', message: `expected true or false, got ${JSON.stringify(raw.enable)}` });
    }
  }

  if (raw.lang !== undefined && raw.lang !== null && raw.lang !== '' && raw.lang !== 'auto') {
    const lang = typeof raw.lang === 'string' ? raw.lang.trim().toLowerCase() : raw.lang;
    if (lang === 'sv' || lang === 'en') {
      settings.lang = lang;
    } else {
      problems.push({ setting: 'arendelint.lang', message: `expected "auto", "sv" or "en", got ${JSON.stringify(raw.lang)}` });
    }
  }

  if (raw.severity !== undefined && raw.severity !== null) {
    if (!isRecord(raw.severity)) {
      problems.push({ setting: 'arendelint.severity', message: `expected an object such as {"JAM003": "off"}, got ${JSON.stringify(raw.severity)}` });
    } else {
      for (const [key, value] of Object.entries(raw.severity)) {
        const rule = key.trim().toUpperCase();
        if (!RULE_ID.test(rule)) {
          problems.push({ setting: `arendelint.severity.${key}`, message: `"${key}" is not a rule id such as JAM003` });
          continue;
        }
        const severity = typeof value === 'string' ? value.trim().toLowerCase() : value;
        if (!SEVERITY_NAMES.includes(severity as SeverityName)) {
          problems.push({ setting: `arendelint.severity.${key}`, message: `expected "off", "info", "warning" or "error", got ${JSON.stringify(value)}` });
          continue;
        }
        settings.severity[rule] = severity as SeverityName;
      }
    }
  }

  return { settings, problems };
}

/** The language for `arendelint explain`: `undefined` lets the CLI use the configuration's. */
export function explainLang(raw: RawSettings, displayLanguage?: string): Lang | undefined {
  return toServerSettings(raw, displayLanguage).settings.lang;
}

/** The arguments of `arendelint explain` for one rule. */
export function explainArgs(rule: string, lang: Lang | undefined): string[] {
  const args = ['explain', rule];
  if (lang !== undefined) {
    args.push('--lang', lang);
  }
  return args;
}

// ---------------------------------------------------------------------------
// The binary

export interface PathContext {
  /** Folder of the first workspace folder, for `${workspaceFolder}` and relative paths. */
  workspaceFolder?: string | undefined;
  home?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** The program bundled in a platform-specific .vsix (`bin/arendelint[.exe]`), if any. */
  bundled?: string | undefined;
  /** Whether a file exists and can be run; injectable for tests. */
  isExecutable?: (file: string) => boolean;
}

export type Resolved =
  | { found: true; command: string }
  | { found: false; tried: string[]; configured: boolean };

export function defaultIsExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~` and `${workspaceFolder}` / `${userHome}` / `${env:NAME}` expanded. */
export function expandPath(configured: string, ctx: PathContext): string {
  const home = ctx.home ?? os.homedir();
  const env = ctx.env ?? process.env;
  let p = configured.trim();
  p = p.replace(/\$\{userHome\}/g, home);
  p = p.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => env[name] ?? '');
  if (ctx.workspaceFolder !== undefined) {
    p = p.replace(/\$\{workspaceFolder\}/g, ctx.workspaceFolder);
  }
  if (p === '~') {
    p = home;
  } else if (p.startsWith('~/') || p.startsWith('~\\')) {
    p = path.join(home, p.slice(2));
  }
  return p;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Candidates for a bare command name on PATH (with PATHEXT on Windows). */
function onPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const p = pathApi(platform);
  const dirs = (env.PATH ?? env.Path ?? '').split(p.delimiter).filter((d) => d !== '');
  const exts = platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter((e) => e !== '')] : [''];
  const out: string[] = [];
  for (const dir of dirs) {
    for (const ext of exts) {
      out.push(p.join(dir, name + ext));
    }
  }
  return out;
}

/** The bundled program's path inside the extension folder. */
export function bundledPath(extensionFolder: string, platform: NodeJS.Platform = process.platform): string {
  return pathApi(platform).join(extensionFolder, 'bin', platform === 'win32' ? 'arendelint.exe' : 'arendelint');
}

/** Each candidate once, in order (PATH often holds a folder twice, e.g. ~/.cargo/bin). */
function unique(candidates: string[], platform: NodeJS.Platform): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of candidates) {
    const key = platform === 'win32' ? c.toLowerCase() : c;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

/**
 * Finds the server binary: the `arendelint.path` setting when given (absolute,
 * `~`, `${workspaceFolder}`, relative to the workspace folder, or a bare name
 * looked up on PATH); else the program bundled in the .vsix; else `arendelint`
 * on PATH, else `~/.cargo/bin/arendelint` (where `cargo install` puts it, often
 * not on the PATH of a desktop session). Each candidate is tried once.
 */
export function resolveServerPath(configured: unknown, ctx: PathContext = {}): Resolved {
  const platform = ctx.platform ?? process.platform;
  const env = ctx.env ?? process.env;
  const home = ctx.home ?? os.homedir();
  const isExecutable = ctx.isExecutable ?? defaultIsExecutable;
  const p = pathApi(platform);
  const exe = platform === 'win32' ? 'arendelint.exe' : 'arendelint';

  const given = typeof configured === 'string' ? expandPath(configured, { ...ctx, home, env }) : '';
  let candidates: string[];
  if (given !== '') {
    const bare = !given.includes('/') && !given.includes('\\');
    if (p.isAbsolute(given)) {
      candidates = [given];
    } else if (bare) {
      candidates = onPath(given, env, platform);
    } else if (ctx.workspaceFolder !== undefined) {
      candidates = [p.resolve(ctx.workspaceFolder, given)];
    } else {
      candidates = [p.resolve(given)];
    }
    if (platform === 'win32' && !/\.[A-Za-z0-9]+$/.test(given) && !bare) {
      candidates = candidates.flatMap((c) => [c, c + '.exe']);
    }
  } else {
    candidates = [
      ...(ctx.bundled !== undefined ? [ctx.bundled] : []),
      ...onPath('arendelint', env, platform),
      p.join(home, '.cargo', 'bin', exe),
    ];
  }
  candidates = unique(candidates, platform);
  for (const c of candidates) {
    if (isExecutable(c)) {
      return { found: true, command: c };
    }
  }
  return { found: false, tried: candidates, configured: given !== '' };
}

// ---------------------------------------------------------------------------
// The finding under the cursor

export interface Pos {
  line: number;
  character: number;
}

export interface DiagnosticLike {
  source?: string | undefined;
  code?: string | number | { value: string | number } | undefined;
  range: { start: Pos; end: Pos };
  message?: string;
}

function before(a: Pos, b: Pos): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** A diagnostic's rule id, when it is one of arendelint's. */
export function ruleOf(d: DiagnosticLike): string | undefined {
  if (d.source !== 'arendelint' || d.code === undefined) {
    return undefined;
  }
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  const id = String(code).toUpperCase();
  return RULE_ID.test(id) ? id : undefined;
}

/**
 * The rule ids of arendelint's findings under the cursor, innermost first; if
 * none contains the cursor, those on the cursor's line (a document-level finding
 * such as JAM001 sits on one line). Each id once.
 */
export function rulesAt(diagnostics: readonly DiagnosticLike[], pos: Pos): string[] {
  const ours = diagnostics.filter((d) => ruleOf(d) !== undefined);
  const containing = ours.filter((d) => before(d.range.start, pos) && before(pos, d.range.end));
  const size = (d: DiagnosticLike): number =>
    (d.range.end.line - d.range.start.line) * 1e6 + (d.range.end.character - d.range.start.character);
  const hits =
    containing.length > 0
      ? [...containing].sort((a, b) => size(a) - size(b))
      : ours.filter((d) => d.range.start.line <= pos.line && pos.line <= d.range.end.line);
  const ids: string[] = [];
  for (const d of hits) {
    const id = ruleOf(d);
    if (id !== undefined && !ids.includes(id)) {
      ids.push(id);
    }
  }
  return ids;
}

/** Rules from `arendelint rules --format json`, for a pick list. */
export interface RuleInfo {
  id: string;
  name: string;
  severity: string;
}

export function parseRules(json: string): RuleInfo[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) {
    throw new Error('expected a JSON array of rules');
  }
  const rules: RuleInfo[] = [];
  for (const item of value) {
    if (isRecord(item) && typeof item.id === 'string') {
      rules.push({
        id: item.id,
        name: typeof item.name === 'string' ? item.name : '',
        severity: typeof item.severity === 'string' ? item.severity : 'off',
      });
    }
  }
  return rules;
}

// ---------------------------------------------------------------------------
// The hover

/**
 * The server's hover ends with a link to the rule's documentation page
 * (`[Hela förklaringen](…/sv/JAM003.md)`); in VS Code the link opens the
 * explanation beside the document with the explain command instead, offline.
 */
export function hoverWithExplainLinks(markdown: string, command = 'arendelint.explainRule'): string {
  return markdown.replace(
    /\[([^\]\n]+)\]\((https?:\/\/[^)\s]*\/((?:JAM|ARL)\d{3})\.md)\)/g,
    (_m, text: string, _url: string, rule: string) =>
      `[${text}](command:${command}?${encodeURIComponent(JSON.stringify([rule]))})`,
  );
}
