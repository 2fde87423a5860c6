/**
 * A static import graph of the repository's TypeScript modules, for the architecture test: every `import`,
 * `export … from`, dynamic `import()` and `require()` with a literal specifier, resolved to a
 * repository-relative path (or kept as the package name for bare imports). Type-only imports are kept and
 * marked, since they couple layers too but do not ship to the browser.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const ROOT = resolve(import.meta.dir, "../..");

export interface ImportEdge {
  /** As written in the source. */
  specifier: string;
  /** Repository-relative path of the module it resolves to, or the package name ("mongodb", "react-dom/server"). */
  target: string;
  line: number;
  /** `import type …`, `export type …`, or braces holding only `type` names: erased at build time. */
  typeOnly: boolean;
}

export interface ModuleInfo {
  path: string;
  imports: ImportEdge[];
}

const SOURCE = /\.(ts|tsx|js|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", ".git", "build", ".cache", ".data"]);

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return SKIP_DIRS.has(entry) ? [] : listFiles(full);
    return SOURCE.test(entry) && !entry.endsWith(".d.ts") ? [full] : [];
  });
}

/** Comments blanked (newlines kept so line numbers stay right); strings are left alone. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|(^|[^:\\"'`])\/\/[^\n]*/g, (match, prefix: string | undefined) =>
    prefix !== undefined ? prefix + " ".repeat(match.length - prefix.length) : match.replace(/[^\n]/g, " "),
  );
}

const STATIC = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?([^'";]*?\bfrom\s*)?["']([^"'\n]+)["']/g;
const DYNAMIC = /\b(?:import|require)\s*\(\s*["']([^"'\n]+)["']\s*\)/g;

function resolveTarget(fromFile: string, specifier: string): string {
  if (!specifier.startsWith(".")) {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") + (parts.length > 2 ? `/${parts.slice(2).join("/")}` : "") : specifier;
  }
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, ...["ts", "tsx", "js", "mjs"].map((ext) => `${base}.${ext}`), ...["ts", "tsx", "js"].map((ext) => join(base, `index.${ext}`))];
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  return relative(ROOT, found ?? base);
}

function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

export function scanImports(file: string, source = readFileSync(file, "utf8")): ImportEdge[] {
  const code = withoutComments(source);
  const edges: ImportEdge[] = [];
  for (const match of code.matchAll(STATIC)) {
    const [whole, , typeKeyword, clause = "", specifier] = match;
    const braces = /\{([^}]*)\}/.exec(clause)?.[1];
    const onlyTypeNames =
      braces !== undefined &&
      !/^\s*\w+\s*,/.test(clause.replace(/^\s*type\s+/, "")) &&
      braces.split(",").map((part) => part.trim()).filter(Boolean).every((part) => part.startsWith("type "));
    edges.push({
      specifier: specifier!,
      target: resolveTarget(file, specifier!),
      line: lineOf(code, match.index! + whole.length - 1),
      typeOnly: typeKeyword !== undefined || onlyTypeNames,
    });
  }
  for (const match of code.matchAll(DYNAMIC)) {
    edges.push({ specifier: match[1]!, target: resolveTarget(file, match[1]!), line: lineOf(code, match.index!), typeOnly: false });
  }
  return edges;
}

export function collectModules(folders: readonly string[]): ModuleInfo[] {
  return folders
    .flatMap((folder) => listFiles(join(ROOT, folder)))
    .map((file) => ({ path: relative(ROOT, file), imports: scanImports(file) }));
}

/** Server-only by Remix's naming rules: `*.server.*` modules and the server entry. */
export function isServerOnlyAppModule(path: string): boolean {
  return /\.server\.(tsx?|js)$/.test(path) || /(^|\/)\.server\//.test(path);
}

/**
 * Modules the browser bundle may contain: everything under app/ that is not server-only, and what they import
 * (value imports only; `.server` modules cut the walk, as Remix's compiler refuses them in the browser). An
 * over-approximation: the compiler also drops what only loaders and actions use.
 */
export function browserReachable(modules: readonly ModuleInfo[]): Map<string, { path: string; via: string[]; imports: ImportEdge[] }> {
  const byPath = new Map(modules.map((module) => [module.path, module]));
  const reached = new Map<string, { path: string; via: string[]; imports: ImportEdge[] }>();
  const queue = modules
    .filter((module) => module.path.startsWith("app/") && !isServerOnlyAppModule(module.path) && !isResourceRoute(module.path))
    .map((module) => ({ path: module.path, via: [module.path] }));
  while (queue.length > 0) {
    const { path, via } = queue.shift()!;
    if (reached.has(path)) continue;
    const module = byPath.get(path) ?? { path, imports: scanImportsIfPresent(path) };
    reached.set(path, { path, via, imports: module.imports });
    for (const edge of module.imports) {
      if (edge.typeOnly || isServerOnlyAppModule(edge.target) || !/^(app|server|schemas)\//.test(edge.target)) continue;
      if (!SOURCE.test(edge.target)) continue;
      queue.push({ path: edge.target, via: [...via, edge.target] });
    }
  }
  return reached;
}

/** A route module without a default export (an API or file endpoint) has no browser chunk. */
function isResourceRoute(path: string): boolean {
  if (!path.startsWith("app/routes/")) return false;
  return !/\bexport\s+default\b/.test(readFileSync(join(ROOT, path), "utf8"));
}

function scanImportsIfPresent(path: string): ImportEdge[] {
  const file = join(ROOT, path);
  return existsSync(file) ? scanImports(file) : [];
}
