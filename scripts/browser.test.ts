import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CHROMIUM_FLAGS, findChromium } from './browser'

describe('findChromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'browser-test-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('takes CHROMIUM_PATH before any other Chromium, with the common flags', () => {
    const path = join(dir, 'my-chrome')
    writeFileSync(path, '#!/bin/sh\n')
    chmodSync(path, 0o755)
    expect(findChromium({ CHROMIUM_PATH: path, PATH: '/usr/bin' })).toEqual({ path, args: CHROMIUM_FLAGS, source: 'CHROMIUM_PATH' })
  })

  it('refuses a CHROMIUM_PATH that is not an executable file rather than looking elsewhere', () => {
    const path = join(dir, 'not-executable')
    writeFileSync(path, '')
    expect(() => findChromium({ CHROMIUM_PATH: path })).toThrow(`CHROMIUM_PATH=${path} is not an executable file`)
    expect(() => findChromium({ CHROMIUM_PATH: dir })).toThrow('is not an executable file')
  })
})
