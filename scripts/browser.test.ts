import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CHROMIUM_FLAGS, findChromium } from './browser'

describe('findChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'browser-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes CHROMIUM_PATH before any other Chromium, with the common flags and the fonts config', () => {
    const path = join(dir, 'my-chrome')
    writeFileSync(path, '#!/bin/sh\n')
    chmodSync(path, 0o755)
    const chromium = findChromium({ CHROMIUM_PATH: path, PATH: '/usr/bin' })
    expect(chromium).toMatchObject({ path, args: CHROMIUM_FLAGS, source: 'CHROMIUM_PATH' })
    expect(chromium.env).toMatchObject({
      CHROMIUM_PATH: path,
      PATH: '/usr/bin',
      FONTCONFIG_FILE: expect.stringMatching(/browser-fonts\.conf$/),
    })
  })

  it('refuses a CHROMIUM_PATH that is not an executable file rather than looking elsewhere', () => {
    const path = join(dir, 'not-executable')
    writeFileSync(path, '')
    expect(() => findChromium({ CHROMIUM_PATH: path })).toThrow(
      `CHROMIUM_PATH=${path} is not an executable file`,
    )
    expect(() => findChromium({ CHROMIUM_PATH: dir })).toThrow('is not an executable file')
  })
})
