import { studioConfig } from './sanity/studio/config'

/** Configuration for the Sanity CLI (schema extraction, TypeGen, dataset import). */
export default studioConfig({
  mode: 'real',
  projectId: process.env.SANITY_STUDIO_PROJECT_ID ?? 'local',
  dataset: process.env.SANITY_STUDIO_DATASET ?? 'production',
})
