import { createHash } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { extname, join } from 'node:path'
import { imageSize } from 'image-size'
import { badRequest } from './errors'
import type { SanityDocument } from './store'

export type AssetKind = 'images' | 'files'

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  pdf: 'application/pdf',
}

export function mimeFor(name: string) {
  return MIME[extname(name).slice(1).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Stores uploaded bytes content-addressed under `<dir>/<dataset>/` and describes the
 * `sanity.imageAsset` / `sanity.fileAsset` document Sanity would create for them.
 */
export class AssetStore {
  constructor(
    private readonly dir: string,
    private readonly publicUrl: string,
    private readonly projectId: string,
  ) {}

  save(kind: AssetKind, dataset: string, bytes: Buffer, filename?: string): SanityDocument {
    if (bytes.length === 0) throw badRequest('Asset body is empty')
    const sha1 = createHash('sha1').update(bytes).digest('hex')
    const extension = kind === 'images' ? imageExtension(bytes) : fileExtension(filename)
    const mimeType = mimeFor(`x.${extension}`)
    let name: string
    let doc: SanityDocument
    if (kind === 'images') {
      const { width, height } = dimensions(bytes)
      name = `${sha1}-${width}x${height}.${extension}`
      doc = {
        _id: `image-${sha1}-${width}x${height}-${extension}`,
        _type: 'sanity.imageAsset',
        metadata: {
          _type: 'sanity.imageMetadata',
          dimensions: {
            _type: 'sanity.imageDimensions',
            width,
            height,
            aspectRatio: width / height,
          },
        },
      }
    } else {
      name = `${sha1}.${extension}`
      doc = { _id: `file-${sha1}-${extension}`, _type: 'sanity.fileAsset' }
    }
    const path = `${kind}/${this.projectId}/${dataset}/${name}`
    Object.assign(doc, {
      assetId: sha1,
      sha1hash: sha1,
      extension,
      mimeType,
      size: bytes.length,
      originalFilename: filename ?? name,
      path,
      url: `${this.publicUrl}/${path}`,
    })
    this.writeDurably(dataset, name, bytes)
    return doc
  }

  read(dataset: string, name: string): Buffer | null {
    if (!/^[a-f0-9]{40}(-\d+x\d+)?\.[a-z0-9]+$/.test(name)) return null
    const path = join(this.dir, dataset, name)
    return existsSync(path) ? readFileSync(path) : null
  }

  private writeDurably(dataset: string, name: string, bytes: Buffer) {
    const folder = join(this.dir, dataset)
    mkdirSync(folder, { recursive: true })
    const target = join(folder, name)
    if (existsSync(target)) return
    const tmp = `${target}.tmp-${process.pid}`
    const fd = openSync(tmp, 'w')
    try {
      writeSync(fd, bytes)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, target)
  }
}

function dimensions(bytes: Buffer) {
  try {
    const { width, height } = imageSize(bytes)
    if (width && height) return { width, height }
  } catch {
    // fall through to the error below
  }
  throw badRequest('Could not read the image dimensions', 'invalidImageError')
}

function imageExtension(bytes: Buffer) {
  try {
    const { type } = imageSize(bytes)
    if (type) return type === 'jpg' ? 'jpg' : type
  } catch {
    // fall through
  }
  throw badRequest('Unsupported or invalid image', 'invalidImageError')
}

function fileExtension(filename?: string) {
  const ext = filename ? extname(filename).slice(1).toLowerCase() : ''
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : 'bin'
}
