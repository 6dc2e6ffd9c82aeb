import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** Every `route.ts` under `dir` (as `app/api/…/route.ts` from `root`), with the HTTP methods it exports. */
export function routeFiles(
  dir = 'app/api',
  root = '.',
): Array<{ file: string; methods: HttpMethod[] }> {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name === 'route.ts' || name.endsWith('/route.ts'))
    .sort()
    .map((name) => {
      const path = join(root, dir, name)
      return {
        file: relative(root, path),
        methods: exportedMethods(readFileSync(path, 'utf8'), path),
      }
    })
}

/** Read from the source, not by importing it: a route module needs Next and the app's configuration to load. */
function exportedMethods(source: string, path: string): HttpMethod[] {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest)
  const names: string[] = []
  for (const statement of file.statements) {
    const exported =
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    if (exported && ts.isVariableStatement(statement))
      names.push(...statement.declarationList.declarations.map((d) => d.name.getText(file)))
    if (exported && ts.isFunctionDeclaration(statement) && statement.name)
      names.push(statement.name.text)
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause)
        throw new Error(`${path}: \`export *\` hides which methods the route has; name them`)
      if (ts.isNamedExports(statement.exportClause))
        names.push(...statement.exportClause.elements.map((e) => e.name.text))
    }
  }
  return HTTP_METHODS.filter((method) => names.includes(method))
}

/** Where the fuzz's table and the route files disagree: routes or exported methods with no requests, and entries for ones that are gone. */
export function uncoveredRoutes(
  fuzzed: Record<string, Partial<Record<HttpMethod, unknown>>>,
  files = routeFiles(),
): string[] {
  const gaps = files.flatMap(({ file, methods }) => {
    if (!fuzzed[file]) return [`${file} is not fuzzed`]
    const missing = methods
      .filter((method) => !fuzzed[file][method])
      .map((method) => `${file} ${method} is not fuzzed`)
    const extra = Object.keys(fuzzed[file])
      .filter((method) => !methods.includes(method as HttpMethod))
      .map((method) => `${file} ${method} is fuzzed but not exported`)
    return [...missing, ...extra]
  })
  const stale = Object.keys(fuzzed)
    .filter((file) => !files.some((f) => f.file === file))
    .map((file) => `${file} is fuzzed but no longer exists`)
  return [...gaps, ...stale]
}
