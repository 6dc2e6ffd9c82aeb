import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import GithubSlugger from 'github-slugger'
import { describe, expect, it } from 'vitest'

/**
 * The README and docs/ link to each other and into the code by relative paths, which rot as files
 * move: every relative link must reach a file, and every `#anchor` a heading of it, named as
 * GitHub names headings. Tables must not be cut in two by a blank line (GitHub then shows the
 * second half as text).
 */
const root = resolve(import.meta.dirname, '..')
const markdown = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(dir, name))
const documents = ['README.md', ...markdown('docs')]
const serviceReadmes = readdirSync(join(root, 'services'))
  .map((dir) => join('services', dir, 'README.md'))
  .filter((file) => existsSync(join(root, file)))

/** The text with fenced blocks and inline code blanked out: links inside them are examples. */
const withoutCode = (text: string) =>
  text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')

/** Every `[text](target)` and `![alt](target)` outside code, with its line number. */
function linksIn(text: string) {
  return withoutCode(text)
    .split('\n')
    .flatMap((line, i) =>
      [...line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[1], line: i + 1 })),
    )
}

/** The anchors GitHub gives a document's headings (duplicates get -1, -2…). */
function anchorsOf(text: string) {
  const slugger = new GithubSlugger()
  return new Set(
    text
      .replace(/^```[\s\S]*?^```/gm, '')
      .split('\n')
      .filter((line) => /^#{1,6} /.test(line))
      .map((line) =>
        slugger.slug(
          line
            .replace(/^#+ /, '')
            .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/`/g, ''),
        ),
      ),
  )
}

/** What is wrong with one relative link from `file`, or null when it resolves. */
function problem(file: string, target: string): string | null {
  const [path, anchor] = target.split('#', 2)
  const resolved = path ? resolve(root, dirname(file), decodeURIComponent(path)) : join(root, file)
  if (!existsSync(resolved)) return `${relative(root, resolved)} does not exist`
  if (anchor === undefined) return null
  if (statSync(resolved).isDirectory() || !resolved.endsWith('.md'))
    return `#${anchor} points into ${relative(root, resolved)}, which has no headings`
  const anchors = anchorsOf(readFileSync(resolved, 'utf8'))
  return anchors.has(anchor) ? null : `${relative(root, resolved)} has no heading #${anchor}`
}

/** Lines where a table row follows a blank line without a header row of its own. */
function cutTables(text: string) {
  const lines = withoutCode(text).split('\n')
  return lines.flatMap((line, i) =>
    line.startsWith('|') &&
    lines[i - 1] === '' &&
    lines[i - 2]?.startsWith('|') &&
    !/^\|[\s:|-]+\|$/.test(lines[i + 1] ?? '')
      ? [i + 1]
      : [],
  )
}

describe('documentation links', () => {
  it('finds links, anchors and cut tables as GitHub reads them', () => {
    expect(linksIn('[a](docs/x.md#y) `[b](no.md)` ![c](i.png)')).toEqual([
      { target: 'docs/x.md#y', line: 1 },
      { target: 'i.png', line: 1 },
    ])
    expect([...anchorsOf('# Real mode\n## What `npm run dev` starts\n## Tax\n## Tax\n')]).toEqual([
      'real-mode',
      'what-npm-run-dev-starts',
      'tax',
      'tax-1',
    ])
    expect(cutTables('| a |\n| - |\n| 1 |\n\n| 2 |\n\n| b |\n| - |\n')).toEqual([5])
  })

  it.each(documents)('every relative link in %s resolves', (file) => {
    const broken = linksIn(readFileSync(join(root, file), 'utf8'))
      .filter(({ target }) => !/^[a-z][a-z+.-]*:/i.test(target))
      .flatMap(({ target, line }) => {
        const found = problem(file, target)
        return found ? [`${file}:${line} ${target}: ${found}`] : []
      })
    expect(broken).toEqual([])
  })

  it.each([...documents, ...serviceReadmes])('no table in %s is cut by a blank line', (file) => {
    expect(cutTables(readFileSync(join(root, file), 'utf8'))).toEqual([])
  })
})
