import { afterAll, beforeAll } from 'vitest'
import { removeDir, startLakeProcess, type LakeOptions, type RunningLake } from './harness'

/**
 * One lake process for a test file: started before its tests (then `setup` runs, e.g. to write
 * fixtures), stopped and its data removed after. The object is filled in when the lake is up.
 */
export function lakeForSuite(
  setup?: (lake: RunningLake) => Promise<unknown>,
  options: LakeOptions = {},
): RunningLake {
  const lake = {} as RunningLake
  beforeAll(async () => {
    Object.assign(lake, await startLakeProcess(options))
    await setup?.(lake)
  })
  afterAll(async () => {
    await lake.stop()
    removeDir(lake.dataDir)
  })
  return lake
}
