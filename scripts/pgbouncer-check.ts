import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startPostgres } from '../services/postgres/server'
import { freePort } from '../lib/test/free-port'
import { migrateDatabase } from '../lib/db/migrate'
import { startPgBouncer } from './pgbouncer'

/**
 * The store's database code through PgBouncer in transaction mode, as a Neon `-pooler` or
 * Supabase 6543 URL puts it (not part of `npm test`: it needs Debian's pgbouncer,
 * `apt-get install -y pgbouncer`). Run: `npx tsx scripts/pgbouncer-check.ts`.
 *
 * An embedded PostgreSQL with two PgBouncers in front, pool_mode = transaction, two server
 * connections per pool: "strict" as PgBouncer ships (refuses unknown startup parameters), and
 * "dropping", which ignores the store's session limits at startup as hosted poolers do. It checks:
 * a session advisory lock taken through the pooler outlives its client (the old migration's
 * hang); migrations through it, twice and three at once, leave no lock; the strict pooler's
 * refusal is named at start; the role's limits are in effect through the dropping pooler; then
 * the buyer-path tests (lib/orders, lib/checkout) run with every connection through it.
 */
const USER = 'restwell'
const PASSWORD = 'bouncer-check-password'
const dir = mkdtempSync(join(tmpdir(), 'pgbouncer-check-'))
chmodSync(dir, 0o755)
const stops: Array<() => void> = []
let failures = 0

function check(ok: boolean, what: string) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) failures++
}

async function startBouncer(serverPort: number, extra: string) {
  const bouncer = await startPgBouncer({ serverPort, user: USER, password: PASSWORD, extra })
  stops.push(bouncer.stop)
  return bouncer.url
}

/** What the store's start-up check says of a database URL, from a process configured as production. */
function startCheckThrough(databaseUrl: string) {
  // The check is a server module: `server-only` resolves as in the server first (resolve-server-only.ts).
  const script = `import('./scripts/resolve-server-only').then(() => import('./lib/db/start-check')).then(async (m) => { console.log(JSON.stringify(await m.checkDatabaseAtStart())); process.exit(0) })`
  return spawnSync('npx', ['tsx', '-e', script], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      STORE_ENVIRONMENT: 'production',
      RESTWELL_LOCAL_ENV: join(dir, 'none.env'),
      CART_SECRET: 'c'.repeat(32),
      ORDER_LINK_SECRET: 'o'.repeat(32),
    },
    encoding: 'utf8',
  })
}

async function query<T extends pg.QueryResultRow>(url: string, text: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text)).rows
  } finally {
    await client.end()
  }
}

const advisoryLocks = async (direct: string) =>
  (
    await query<{ n: number }>(
      direct,
      `select count(*)::int as n from pg_locks where locktype = 'advisory'`,
    )
  )[0].n

const server = await startPostgres({
  port: await freePort(),
  dataDir: join(dir, 'cluster'),
  user: USER,
  password: PASSWORD,
  adminPassword: 'bouncer-check-admin-password',
  database: 'restwell',
  fresh: true,
  log: () => undefined,
})
try {
  const direct = server.url
  await query(server.adminUrl, `create database store owner ${USER}`)
  // The buyer-path tests below make a database per file through the pooler, as the store's role:
  // in this throwaway cluster that role may create them (the store's own never can).
  await query(server.adminUrl, `alter role ${USER} createdb`)
  const directStore = Object.assign(new URL(direct), { pathname: '/store' }).toString()
  const strict = await startBouncer(Number(new URL(direct).port), '')
  const dropping = await startBouncer(
    Number(new URL(direct).port),
    'ignore_startup_parameters = statement_timeout,lock_timeout,idle_in_transaction_session_timeout',
  )
  console.log(
    `PostgreSQL ${direct.replace(PASSWORD, '***')}; PgBouncer strict ${strict.replace(PASSWORD, '***')}, dropping ${dropping.replace(PASSWORD, '***')}`,
  )

  // The old migration's lock: a session lock taken through the pooler stays on its server connection.
  const session = new pg.Client({ connectionString: `${dropping}/store` })
  await session.connect()
  await session.query('select pg_advisory_lock(7410253)')
  await session.end()
  check(
    (await advisoryLocks(directStore)) === 1,
    'control: a session advisory lock taken through the pooler outlives its client',
  )
  // No other session can release it: only ending the server connection that holds it does.
  await query(
    server.adminUrl,
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'store' and pid <> pg_backend_pid()`,
  )

  const viaBouncer = `${dropping}/store`
  await migrateDatabase(viaBouncer, { environment: 'production' })
  await migrateDatabase(viaBouncer, { environment: 'production' })
  check(
    (await advisoryLocks(directStore)) === 0,
    'two migrations through the pooler, one after the other, leave no lock',
  )
  await Promise.all([1, 2, 3].map(() => migrateDatabase(viaBouncer, { environment: 'production' })))
  check(
    (await advisoryLocks(directStore)) === 0,
    'three migrations through the pooler at once finish and leave no lock',
  )
  const refused = await migrateDatabase(viaBouncer, { environment: 'preview' }).catch(
    (e: Error) => e.message,
  )
  check(
    /belongs to the "production" environment/.test(String(refused)),
    'a preview store is refused production’s database through the pooler',
  )
  const viaPooledUrl = await migrateDatabase(`${viaBouncer}?pgbouncer=true`, {
    environment: 'production',
  }).catch((e: Error) => e.message)
  check(
    /DATABASE_MIGRATION_URL/.test(String(viaPooledUrl)),
    'a URL marked pgbouncer=true is refused for migrations, naming DATABASE_MIGRATION_URL',
  )

  // Role defaults reach sessions that start after they are set: the pooler's server connections
  // from before the first migration keep none until renewed (server_lifetime, or a pooler restart).
  await query(
    server.adminUrl,
    `select pg_terminate_backend(pid) from pg_stat_activity where datname = 'store' and pid <> pg_backend_pid()`,
  )
  const limits = await query(
    `${dropping}/store?pgbouncer=true`,
    `select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l`,
  )
  check(
    limits[0].s === '15s' && limits[0].l === '5s',
    `the role's limits are in effect through the pooler once its server connections are renewed (${JSON.stringify(limits[0])})`,
  )

  const strictStart = startCheckThrough(`${strict}/store`)
  check(
    /unsupported startup parameter.*pgbouncer=true/.test(strictStart.stdout),
    `the strict pooler's refusal stops the start, naming pgbouncer=true: ${strictStart.stdout.trim()}`,
  )
  const strictPooled = startCheckThrough(`${strict}/store?pgbouncer=true`)
  check(
    /"ok":true.*"statement_timeout":"15s"/.test(strictPooled.stdout),
    `with pgbouncer=true the store starts through the strict pooler: ${strictPooled.stdout.trim()}`,
  )

  // The buyer path, every connection of the tests' own databases through the pooler.
  const tests = spawnSync('npx', ['vitest', 'run', 'lib/orders', 'lib/checkout'], {
    env: { ...process.env, RESTWELL_TEST_POSTGRES_URL: `${dropping}/restwell` },
    stdio: 'inherit',
  })
  check(tests.status === 0, 'lib/orders and lib/checkout tests pass through the pooler')
  check((await advisoryLocks(direct)) === 0, 'no advisory lock is left on the server afterwards')
} finally {
  for (const stop of stops) stop()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
console.log(failures === 0 ? 'pgbouncer check: all passed' : `pgbouncer check: ${failures} failed`)
process.exit(failures === 0 ? 0 : 1)
