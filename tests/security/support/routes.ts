// Every route handler file of the app and the HTTP methods it exports, read from the source
// with the TypeScript parser (no import: Auth.js's module cannot load outside Next). A new
// route.ts, or a new method in one, shows up here the moment the file exists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../app");
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type RouteFile = { file: string; path: string; methods: string[] };

/** `app/(studio)/sessions/[id]/x/route.ts` → `/sessions/[id]/x` (route groups drop out). */
function urlPath(segments: string[]): string {
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
}

function exportedMethods(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const names = new Set<string>();
  const exported = (n: ts.Node) =>
    ts.canHaveModifiers(n) &&
    (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of src.statements) {
    if (ts.isFunctionDeclaration(st) && exported(st) && st.name) names.add(st.name.text);
    if (ts.isVariableStatement(st) && exported(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
        if (ts.isObjectBindingPattern(d.name))
          for (const e of d.name.elements) if (ts.isIdentifier(e.name)) names.add(e.name.text);
      }
    }
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) names.add(e.name.text);
    }
  }
  return [...names].filter((n) => METHODS.has(n)).sort();
}

function walk(dir: string, segments: string[] = []): RouteFile[] {
  const out: RouteFile[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full, [...segments, entry]));
    else if (/^route\.(ts|tsx|js|mjs)$/.test(entry))
      out.push({ file: full, path: urlPath(segments), methods: exportedMethods(full) });
  }
  return out;
}

/** Every `METHOD /path` served by a route handler anywhere under app/. */
export function discoverRoutes(): string[] {
  return walk(APP_DIR)
    .flatMap((r) => r.methods.map((m) => `${m} ${r.path}`))
    .sort();
}

/** Every page whose URL carries an id or token (a dynamic segment), e.g. `/sessions/[id]`. */
export function discoverDynamicPages(dir = APP_DIR, segments: string[] = []): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...discoverDynamicPages(full, [...segments, entry]));
    else if (/^page\.(tsx|ts|jsx|js)$/.test(entry) && segments.some((s) => /^\[.*\]$/.test(s)))
      out.push(urlPath(segments));
  }
  return out.sort();
}
