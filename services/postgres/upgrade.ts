import pg from 'pg'

export type UpgradeOptions = {
  port: number
  adminPassword: string
  user: string
  password: string
  database: string
}

/** The bootstrap superuser's fixed oid (`BOOTSTRAP_SUPERUSERID`). */
const BOOTSTRAP_SUPERUSER = 10
/** A superuser that lives inside the upgrade's transaction only: a session cannot rename its own user. */
const UPGRADE_ROLE = 'restwell_upgrade'

/**
 * Clusters made before the store had a role of its own: `initdb` made the store's role (say
 * `restwell`) the bootstrap superuser, which PostgreSQL never lets lose SUPERUSER nor hand its
 * objects over with REASSIGN OWNED. So, in one transaction on the store's database, this renames
 * that superuser to `superuser` with the admin password, makes a new login role under the store's
 * name and password (no superuser), and gives it the database and everything the migrations made.
 * The result is what a fresh start makes, with the data kept. A crash or an error before the
 * commit leaves the cluster as it was, with the old credentials still valid, to upgrade next start.
 *
 * Returns how many objects moved to the store's role, or undefined when the store's role is not
 * the cluster's bootstrap superuser (or does not log in): then this is no such cluster.
 */
export async function upgradeLegacyCluster(options: UpgradeOptions, superuser: string) {
  const client = await connectAsStore(options)
  if (!client) return undefined
  try {
    const { rows } = await client.query<{ bootstrap: boolean }>(
      'select oid = $1 as bootstrap from pg_roles where rolname = current_user',
      [BOOTSTRAP_SUPERUSER],
    )
    if (!rows[0]?.bootstrap) return undefined
    const store = client.escapeIdentifier(options.user)
    const admin = client.escapeIdentifier(superuser)
    const temporary = client.escapeIdentifier(UPGRADE_ROLE)
    await client.query('begin')
    await client.query(`create role ${temporary} superuser nologin`)
    await client.query(`set local session authorization ${temporary}`)
    await client.query(`alter role ${store} rename to ${admin}`)
    await client.query(
      `alter role ${admin} password ${client.escapeLiteral(options.adminPassword)}`,
    )
    await client.query(
      `create role ${store} login password ${client.escapeLiteral(options.password)}`,
    )
    await client.query('reset session authorization')
    await client.query(`drop role ${temporary}`)
    const moved = client.database === options.database ? await giveOwnedObjects(client, store) : 0
    await client.query('commit')
    return moved
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  } finally {
    await client.end()
  }
}

/** Connected with the store's credentials to its database (or `postgres` if it was never made), or undefined if they do not log in. */
async function connectAsStore(
  options: UpgradeOptions,
  database = options.database,
): Promise<pg.Client | undefined> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: options.port,
    user: options.user,
    password: options.password,
    database,
  })
  try {
    await client.connect()
    return client
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === '3D000' && database !== 'postgres') return connectAsStore(options, 'postgres')
    if (code === '28P01' || code === '28000') return undefined
    throw error
  }
}

/** Objects a user can make, outside the system schemas and extensions, that the bootstrap superuser owns. */
const OWNED_OBJECTS = `
  with owned(classid, objid) as (
    select 'pg_database'::regclass, oid from pg_database where datname = current_database() and datdba = $1
    union all
    select 'pg_namespace'::regclass, oid from pg_namespace where nspowner = $1 and nspname not like 'pg\\_%' and nspname <> 'information_schema'
    union all
    -- Sequences of serial and identity columns follow their table.
    select 'pg_class'::regclass, c.oid from pg_class c
     where c.relowner = $1 and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid
                         and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i'))
    union all
    select 'pg_proc'::regclass, oid from pg_proc where proowner = $1
    union all
    -- Enums, domains, ranges and standalone composite types; arrays and row types follow theirs.
    select 'pg_type'::regclass, t.oid from pg_type t left join pg_class c on c.oid = t.typrelid
     where t.typowner = $1 and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c'))
    union all
    select 'pg_collation'::regclass, oid from pg_collation where collowner = $1
    union all
    select 'pg_conversion'::regclass, oid from pg_conversion where conowner = $1
    union all
    select 'pg_operator'::regclass, oid from pg_operator where oprowner = $1
    union all
    select 'pg_ts_config'::regclass, oid from pg_ts_config where cfgowner = $1
    union all
    select 'pg_ts_dict'::regclass, oid from pg_ts_dict where dictowner = $1
    union all
    select 'pg_statistic_ext'::regclass, oid from pg_statistic_ext where stxowner = $1
  )
  select i.type, i.identity from owned o, pg_identify_object(o.classid, o.objid, 0) i
   where (i.schema is null or (i.schema not like 'pg\\_%' and i.schema <> 'information_schema'))
     and not exists (select 1 from pg_depend d where d.classid = o.classid and d.objid = o.objid and d.deptype = 'e')`

async function giveOwnedObjects(client: pg.Client, store: string) {
  const { rows } = await client.query<{ type: string; identity: string }>(OWNED_OBJECTS, [
    BOOTSTRAP_SUPERUSER,
  ])
  for (const { type, identity } of rows)
    await client.query(`alter ${type} ${identity} owner to ${store}`)
  return rows.length
}
