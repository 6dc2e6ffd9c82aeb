import { defineConfig } from 'sanity'
import { schemaTypes } from './sanity/schemaTypes'

/** Studio and CLI configuration. The schema is the single source of the content model and its types. */
export default defineConfig({
  name: 'restwell',
  title: 'Restwell',
  projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? process.env.NEXT_PUBLIC_SANITY_PROJECT_ID ?? 'local',
  dataset: process.env.SANITY_STUDIO_DATASET ?? process.env.NEXT_PUBLIC_SANITY_DATASET ?? 'production',
  schema: { types: schemaTypes },
})
