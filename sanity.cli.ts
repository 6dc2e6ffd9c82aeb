import { defineCliConfig } from 'sanity/cli'

/** The Sanity CLI's own names (it loads SANITY_STUDIO_* from the environment and .env files), as sanity.config.ts reads them. */
export default defineCliConfig({
  api: {
    projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? 'local',
    dataset: process.env.SANITY_STUDIO_DATASET ?? 'production',
  },
  typegen: {
    path: './sanity/queries.ts',
    schema: './sanity/extract.json',
    generates: './sanity/types.ts',
  },
})
