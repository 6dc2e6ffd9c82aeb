import { readFileSync, writeFileSync } from 'node:fs'
import sharp from 'sharp'

/**
 * Draws the raster icons in public/ (favicon.ico, the Apple touch icon, the manifest's icons) from
 * the mark in public/icon.svg: `npx tsx scripts/icons.ts`, by hand after the mark changes (the
 * output is committed; nothing runs at build). sharp is the image library Next itself installs.
 */
const mark = readFileSync('public/icon.svg', 'utf8')
const [, background] = /<rect [^>]*fill="([^"]+)"/.exec(mark) ?? []
const [, crescent, foreground] = /<path d="([^"]+)" fill="([^"]+)"/.exec(mark) ?? []
if (!background || !crescent)
  throw new Error('public/icon.svg lost the <rect fill> and <path d fill> this script draws from')

/** The mark on a 32×32 square: `rounded` as in the favicon; `scale` < 1 keeps it inside a maskable icon's safe circle. */
const svg = ({ rounded, scale }: { rounded: boolean; scale: number }) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="${rounded ? 8 : 0}" fill="${background}"/>` +
      `<path d="${crescent}" fill="${foreground}" transform="translate(16 16) scale(${scale}) translate(-16 -16)"/></svg>`,
  )

const png = (source: Buffer, size: number) =>
  sharp(source, { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toBuffer()

/** An .ico holding PNG images (every browser since IE 9 reads them): a directory of entries, then the images. */
function ico(images: Array<{ size: number; data: Buffer }>) {
  const header = Buffer.alloc(6 + 16 * images.length)
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(images.length, 4)
  let offset = header.length
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i
    header.writeUInt8(size % 256, entry) // 0 means 256
    header.writeUInt8(size % 256, entry + 1)
    header.writeUInt16LE(1, entry + 4) // colour planes
    header.writeUInt16LE(32, entry + 6) // bits per pixel
    header.writeUInt32LE(data.length, entry + 8)
    header.writeUInt32LE(offset, entry + 12)
    offset += data.length
  })
  return Buffer.concat([header, ...images.map((image) => image.data)])
}

const rounded = svg({ rounded: true, scale: 1 })
// Home screens crop their own shape: the Apple icon fills its square, and the maskable one keeps the mark inside the central 80%.
const square = svg({ rounded: false, scale: 1 })
const maskable = svg({ rounded: false, scale: 0.8 })

const files: Record<string, Buffer> = {
  'public/favicon.ico': ico(
    await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await png(rounded, size) }))),
  ),
  'public/apple-touch-icon.png': await png(square, 180),
  'public/icons/icon-192.png': await png(rounded, 192),
  'public/icons/icon-512.png': await png(rounded, 512),
  'public/icons/maskable-512.png': await png(maskable, 512),
}
for (const [file, data] of Object.entries(files)) {
  writeFileSync(file, data)
  console.log(`${file}: ${data.length} bytes`)
}
