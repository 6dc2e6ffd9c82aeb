import type pg from 'pg'

/**
 * The environment a database belongs to (the one row of store_environment), checked against the
 * store's own (config().environment) before it migrates or serves: a preview deploy, or a laptop,
 * given production's DATABASE_URL stops instead of writing holds and orders into it.
 */
class WrongEnvironmentError extends Error {
  constructor(
    readonly database: string,
    readonly store: string,
  ) {
    super(
      `This database belongs to the "${database}" environment and this store runs as "${store}": refusing to use it. Give this environment its own database (DATABASE_URL), or set STORE_ENVIRONMENT if the name is what is wrong`,
    )
    this.name = 'WrongEnvironmentError'
  }
}

type Queryable = Pick<pg.ClientBase, 'query'>

/** The environment recorded in the database; null while none is (before the first migration run). */
async function databaseEnvironment(client: Queryable): Promise<string | null> {
  const {
    rows: [table],
  } = await client.query<{ found: string | null }>(
    `select to_regclass('store_environment')::text as found`,
  )
  if (!table.found) return null
  const { rows } = await client.query<{ name: string }>('select name from store_environment')
  return rows[0]?.name ?? null
}

/** Throws unless the database is unclaimed or belongs to `environment`. */
export async function refuseOtherEnvironment(client: Queryable, environment: string) {
  const found = await databaseEnvironment(client)
  if (found !== null && found !== environment) throw new WrongEnvironmentError(found, environment)
}

/** Throws unless the database belongs to `environment`: what a store checks before it serves. */
export async function requireEnvironment(client: Queryable, environment: string) {
  const found = await databaseEnvironment(client)
  if (found === null)
    throw new Error(
      `This database records no environment: run \`npm run db:migrate\` with STORE_ENVIRONMENT=${environment} first`,
    )
  if (found !== environment) throw new WrongEnvironmentError(found, environment)
}

/** Records `environment` as the database's owner if none is yet (inside the migration's transaction). */
export async function claimEnvironment(client: Queryable, environment: string) {
  await client.query('insert into store_environment (name) values ($1) on conflict do nothing', [
    environment,
  ])
  await requireEnvironment(client, environment)
}
