import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SESSION_LIMITS, connectionConfig, looksPooled, tlsProblem } from './connection'

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'

describe('TLS from the database URL', () => {
  it('verify-full with sslrootcert verifies the server against that file (Supabase, RDS)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ca-')), 'prod-ca-2021.crt')
    writeFileSync(file, CA)
    const url = `postgres://u:p@db.abcdef.supabase.co:5432/postgres?sslmode=verify-full&sslrootcert=${file}`
    expect(tlsProblem(url)).toBeNull()
    const { ssl } = connectionConfig(url)
    expect(ssl).toEqual({ ca: CA })
  })

  it('verify-full alone verifies against the public CAs (Neon)', () => {
    const url =
      'postgres://u:p@ep-cool-name-123456.eu-central-1.aws.neon.tech/neondb?sslmode=verify-full'
    expect(tlsProblem(url)).toBeNull()
    expect(connectionConfig(url).ssl).toEqual({})
  })

  it('DATABASE_CA_CERT takes the place of the file, and only with verify-full', () => {
    const url =
      'postgres://u:p@rds.example.eu-west-1.rds.amazonaws.com:5432/store?sslmode=verify-full'
    expect(tlsProblem(url, CA)).toBeNull()
    expect(connectionConfig(url, { ca: CA }).ssl).toEqual({ ca: CA })
    expect(tlsProblem(url.replace('verify-full', 'disable'), CA)).toMatch(
      /DATABASE_CA_CERT.*verify-full/,
    )
  })

  it('refuses the modes node-postgres and libpq read differently, saying what to write', () => {
    for (const mode of ['require', 'prefer', 'verify-ca'])
      expect(tlsProblem(`postgres://u:p@db.example:5432/store?sslmode=${mode}`)).toMatch(
        new RegExp(`sslmode=${mode} is ambiguous.*sslmode=verify-full.*sslrootcert`),
      )
  })

  it('takes require with uselibpqcompat=true as libpq does: encrypted, not verified', () => {
    const url = 'postgres://u:p@db.example:5432/store?uselibpqcompat=true&sslmode=require'
    expect(tlsProblem(url)).toBeNull()
    expect(connectionConfig(url).ssl).toEqual({ rejectUnauthorized: false })
  })

  it('sslmode=disable, or none, is plain TCP (a local or private-network server)', () => {
    expect(connectionConfig('postgres://u:p@127.0.0.1:5433/store?sslmode=disable').ssl).toBe(false)
    expect(connectionConfig('postgres://u:p@127.0.0.1:5433/store').ssl).toBeUndefined()
  })
})

describe('poolers', () => {
  it('knows Neon’s and Supabase’s pooled URLs, and pgbouncer=true', () => {
    expect(
      looksPooled('postgres://u:p@ep-cool-name-123456-pooler.eu-central-1.aws.neon.tech/neondb'),
    ).toBe(true)
    expect(
      looksPooled(
        'postgres://postgres.abcdef:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres',
      ),
    ).toBe(true)
    expect(looksPooled('postgres://u:p@10.0.0.5:6432/store?pgbouncer=true')).toBe(true)
    expect(
      looksPooled('postgres://u:p@ep-cool-name-123456.eu-central-1.aws.neon.tech/neondb'),
    ).toBe(false)
    expect(looksPooled('postgres://postgres:p@db.abcdef.supabase.co:5432/postgres')).toBe(false)
  })

  it('sends the session limits at startup to a direct server only: a pooler refuses them', () => {
    expect(connectionConfig('postgres://u:p@db.example:5432/store')).toMatchObject(SESSION_LIMITS)
    const pooled = connectionConfig('postgres://u:p@10.0.0.5:6432/store?pgbouncer=true')
    expect(pooled).not.toHaveProperty('statement_timeout')
    expect(pooled).not.toHaveProperty('pgbouncer')
  })
})
