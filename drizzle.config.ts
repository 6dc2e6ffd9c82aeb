import { defineConfig } from 'drizzle-kit'

/** `npm run db:generate` writes the next migration from lib/db/schema.ts; they are applied on start and by `npm run db:migrate`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './lib/db/migrations',
})
