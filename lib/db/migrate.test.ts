import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { beforeAll, describe, expect, it, inject } from 'vitest'
import { migrateDatabase } from './migrate'

/** An empty database of its own on the run's server, and a way to query it. */
async function emptyDatabase() {
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') })
  await admin.connect()
  const name = `m_${randomBytes(6).toString('hex')}`
  await admin.query(`create database ${name}`)
  await admin.end()
  return Object.assign(new URL(inject('postgresAdminUrl')), { pathname: `/${name}` }).toString()
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Advisory locks held or awaited in this database. */
const advisoryLocks = (url: string) =>
  query<{ n: number }>(
    url,
    `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database where l.locktype = 'advisory' and d.datname = current_database()`,
  )

describe('migrateDatabase', () => {
  let url: string
  beforeAll(async () => {
    url = await emptyDatabase()
  })

  it('refuses a transaction pooler’s URL, naming DATABASE_MIGRATION_URL, before connecting', async () => {
    for (const pooled of [
      'postgres://u:p@ep-cool-name-123456-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=verify-full',
      'postgres://postgres.abcdef:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres',
      'postgres://u:p@127.0.0.1:6432/store?pgbouncer=true',
    ])
      await expect(migrateDatabase(pooled, { environment: 'production' })).rejects.toThrow(
        /DATABASE_MIGRATION_URL/,
      )
  })

  it('claims an empty database for its environment and applies every migration once', async () => {
    await migrateDatabase(url, { environment: 'production' })
    await migrateDatabase(url, { environment: 'production' })
    expect(await query(url, 'select name from store_environment')).toEqual([{ name: 'production' }])
    const applied = await query<{ n: number }>(
      url,
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    )
    expect(applied[0].n).toBeGreaterThanOrEqual(4)
    expect(
      await query(
        url,
        'select count(*)::int as n from (select hash from drizzle.__drizzle_migrations group by hash having count(*) > 1) d',
      ),
    ).toEqual([{ n: 0 }])
  })

  it('refuses a database of another environment, changing nothing', async () => {
    const before = await query(url, 'select count(*)::int as n from drizzle.__drizzle_migrations')
    await expect(migrateDatabase(url, { environment: 'preview' })).rejects.toThrow(
      /belongs to the "production" environment.*runs as "preview"/,
    )
    expect(await query(url, 'select name from store_environment')).toEqual([{ name: 'production' }])
    expect(await query(url, 'select count(*)::int as n from drizzle.__drizzle_migrations')).toEqual(
      before,
    )
  })

  it('holds no lock once it ends, whether it succeeded or failed, and lets starts migrate together', async () => {
    await expect(migrateDatabase(url, { environment: 'preview' })).rejects.toThrow()
    expect((await advisoryLocks(url))[0].n).toBe(0)
    const fresh = await emptyDatabase()
    await Promise.all([1, 2, 3].map(() => migrateDatabase(fresh, { environment: 'staging' })))
    expect((await advisoryLocks(fresh))[0].n).toBe(0)
    expect(await query(fresh, 'select name from store_environment')).toEqual([{ name: 'staging' }])
  })

  it('sets the session limits on the role, so a connection that sends none (as through a pooler) has them', async () => {
    // A plain client sends no startup settings, as PgBouncer in transaction mode would not pass them.
    const [limits] = await query(
      url,
      `select current_setting('statement_timeout') as statement, current_setting('lock_timeout') as lock, current_setting('idle_in_transaction_session_timeout') as idle`,
    )
    expect(limits).toEqual({ statement: '15s', lock: '5s', idle: '30s' })
  })

  it('sets them as a role that is not a superuser, such as a hosted database’s owner', async () => {
    const owner = `owner_${randomBytes(4).toString('hex')}`
    const admin = inject('postgresAdminUrl')
    await query(admin, `create role ${owner} login password 'owner-password'`)
    await query(admin, `create database ${owner} owner ${owner}`)
    const ownerUrl = Object.assign(new URL(admin), {
      username: owner,
      password: 'owner-password',
      pathname: `/${owner}`,
    }).toString()
    await migrateDatabase(ownerUrl, { environment: 'production' })
    expect(
      await query(ownerUrl, `select current_setting('statement_timeout') as s, current_user as u`),
    ).toEqual([{ s: '15s', u: owner }])
  })
})
