/** The table printed at the end of `npm run bench` (markdown, so it pastes into an issue). */
export type Row = { figure: string; measured: string; target: string; met: boolean | null }
export type ScaleRow = {
  figure: string
  seed: number
  large: number
  unit: (value: number) => string
}

const mark = (met: boolean | null) => (met === null ? '–' : met ? '✓' : '✗')

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB` // 1 kB = 1000 B, as Next used to print
export const MB = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`
export const ms = (value: number) => `${value.toFixed(0)} ms`
export const s = (value: number) => `${value.toFixed(1)} s`
export const perSec = (value: number) => `${value.toFixed(0)} req/s`
export const ratio = (value: number) => value.toFixed(2)

export function table(rows: Row[], scale: ScaleRow[]) {
  const lines = ['| figure | measured | target | met |', '|---|---|---|---|']
  for (const r of rows) lines.push(`| ${r.figure} | ${r.measured} | ${r.target} | ${mark(r.met)} |`)
  if (scale.length === 0) return lines.join('\n')
  lines.push('', '| scale | seed | large | large/seed |', '|---|---|---|---|')
  for (const r of scale)
    lines.push(
      `| ${r.figure} | ${r.unit(r.seed)} | ${r.unit(r.large)} | ×${(r.large / r.seed).toFixed(2)} |`,
    )
  return lines.join('\n')
}
