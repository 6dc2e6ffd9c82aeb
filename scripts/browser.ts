import { execFileSync } from 'node:child_process'
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * The Chromium that the e2e tests and the Lighthouse bench drive: `CHROMIUM_PATH`, else a system
 * Chromium, else the one the devDependency @sparticuz/chromium ships inside its npm tarball, so a
 * fresh machine needs nothing but `npm install`.
 */
export type Chromium = { path: string; args: string[]; env: Env; source: string }
type Env = Record<string, string | undefined>

/**
 * The same flags for every Chromium, so each runs alike: root needs --no-sandbox; there is no GPU;
 * the rest keep it from reaching for Google's hosts on a closed network. None of
 * @sparticuz/chromium's own flags is added: they suit AWS Lambda, and here --single-process and
 * --in-process-gpu close the browser at Playwright's first page, while --disable-web-security and
 * --allow-running-insecure-content would switch off what the tests check.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The machine's fonts plus metric twins of Arial and Times New Roman from npm (see the file). */
const FONTS_CONF = fileURLToPath(new URL('browser-fonts.conf', import.meta.url))

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome']

function isExecutable(path: string) {
  try {
    accessSync(path, constants.X_OK)
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** `env` is where to look (CHROMIUM_PATH, PATH) and what the browser is started with, plus its fonts. */
export function findChromium(env: Env = process.env): Chromium {
  const found = (path: string, source: string) => ({
    path,
    source,
    args: CHROMIUM_FLAGS,
    env: { ...env, FONTCONFIG_FILE: FONTS_CONF },
  })
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`)
    return found(env.CHROMIUM_PATH, 'CHROMIUM_PATH')
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => SYSTEM_NAMES.map((name) => join(dir, name)))
  const system = ['/usr/bin/chromium', ...onPath].find(isExecutable)
  if (system) return found(system, 'system')
  const npm = unpackNpmChromium()
  return found(npm.path, npm.source)
}

/** Unpacks @sparticuz/chromium's Chromium (once per version) into node_modules/.cache and returns it. */
function unpackNpmChromium() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH (the npm one, @sparticuz/chromium, is for Linux x64 only)',
    )
  let entry: string
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
  } catch {
    throw new Error(
      'No Chromium found: set CHROMIUM_PATH, or run `npm install` for the devDependency @sparticuz/chromium',
    )
  }
  const packageDir = join(dirname(entry), '..')
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string
  }
  const source = `@sparticuz/chromium ${version}`
  const dir = join(packageDir, '..', '..', '.cache', `chromium-${version}`)
  const path = join(dir, 'chromium')
  if (isExecutable(path)) return { path, source }

  // The package unpacks into os.tmpdir(), which every project and version share, and a second
  // process would take a half-written binary there for a whole one. So it unpacks into a fresh
  // folder of ours (its TMPDIR, in a child process), which is then renamed into place whole.
  const started = Date.now()
  mkdirSync(dirname(dir), { recursive: true })
  const staging = mkdtempSync(`${dir}.unpacking-`)
  try {
    const script = `const { default: chromium } = await import(${JSON.stringify(pathToFileURL(entry).href)}); await chromium.executablePath()`
    execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
      env: { ...process.env, TMPDIR: staging },
      stdio: 'inherit',
    })
    renameSync(staging, dir)
    console.error(
      `[chromium] unpacked ${source} into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    if (!isExecutable(path)) throw error // else another process unpacked the same version first
  }
  return { path, source }
}
