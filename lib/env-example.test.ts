import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * `.env.example` documents the configuration: every variable `lib/env.ts` reads must be in it, and
 * every variable in it must be read somewhere (by lib/env.ts, a script, a local service, or Next
 * itself), so the file can neither miss a setting nor describe one that no longer exists.
 */
const root = resolve(import.meta.dirname, '..')
const read = (file: string) => readFileSync(join(root, file), 'utf8')

/** Variables Next reads on its own, which no file of ours names. */
const READ_BY_NEXT = ['NEXT_SERVER_ACTIONS_ENCRYPTION_KEY']

/** The keys of lib/env.ts's `schema = z.object({…})`, and every `process.env.NAME` it reads. */
function variablesOfEnvTs() {
  const source = ts.createSourceFile('env.ts', read('lib/env.ts'), ts.ScriptTarget.Latest, true)
  const names = new Set<string>()
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText() === 'schema' &&
      node.initializer &&
      ts.isCallExpression(node.initializer)
    ) {
      const [shape] = node.initializer.arguments
      if (shape && ts.isObjectLiteralExpression(shape))
        for (const property of shape.properties) names.add(property.name!.getText())
    }
    if (ts.isPropertyAccessExpression(node) && node.expression.getText() === 'process.env')
      names.add(node.name.getText())
    ts.forEachChild(node, visit)
  }
  visit(source)
  return names
}

/** The variables `.env.example` sets, each on a commented-out `# NAME=value` line. */
const exampleVariables = (text: string) =>
  text.split('\n').flatMap((line) => /^# ([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? [])

/** The text of the code that may read a variable: the store, its scripts, services and configs. */
function codeText() {
  const sources: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = join(dir, name)
      if (statSync(join(root, path)).isDirectory()) walk(path)
      else if (/\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name))
        sources.push(read(path))
    }
  }
  for (const dir of ['app', 'bench', 'components', 'e2e', 'lib', 'sanity', 'scripts', 'services'])
    walk(dir)
  for (const name of readdirSync(root))
    if (/\.(ts|js|mjs)$/.test(name) && statSync(join(root, name)).isFile()) sources.push(read(name))
  return sources.join('\n')
}

describe('.env.example', () => {
  const text = read('.env.example')
  const documented = exampleVariables(text)

  it('reads the schema and the example as they are written', () => {
    expect([...variablesOfEnvTs()]).toEqual(
      expect.arrayContaining(['SANITY_PROJECT_ID', 'DATABASE_URL', 'RESTWELL_LOCAL_ENV']),
    )
    expect(exampleVariables('# Prose, SITE_URL=x\n# SITE_URL=https://a\nPORT=1\n')).toEqual([
      'SITE_URL',
    ])
  })

  it('names every variable lib/env.ts reads', () => {
    expect([...variablesOfEnvTs()].filter((name) => !documented.includes(name))).toEqual([])
  })

  it('names each variable once', () => {
    expect(documented.filter((name, i) => documented.indexOf(name) !== i)).toEqual([])
  })

  it('names only variables something reads', () => {
    const code = codeText()
    const unknown = documented.filter(
      (name) => !READ_BY_NEXT.includes(name) && !new RegExp(`\\b${name}\\b`).test(code),
    )
    expect(unknown).toEqual([])
  })

  it('sets nothing when copied to .env: every line is a comment', () => {
    expect(text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual(
      [],
    )
  })
})
