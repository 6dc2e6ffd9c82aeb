import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * A large dataset in the shapes of sanity/schemaTypes: the seed documents plus generated
 * products (category, images, variants with price and stock) and articles (portable text with
 * headings, lists, links, inline product cards and images, an FAQ, product references, SEO).
 * Seeded random, so every run benches the same content. Images reuse the seed's files.
 * Usage: `tsx bench/generate.ts [out.ndjson]`.
 */
export const LARGE = { articles: 1000, products: 500 }
const SEED = resolve('sanity/seed/production.ndjson')
const SEED_INVENTORY = resolve('sanity/seed/inventory.json')

/** Where the stock counts of a generated dataset go, beside its ndjson. */
export const inventoryFileFor = (ndjson: string) =>
  ndjson.replace(/\.ndjson$/, '') + '.inventory.json'

type Doc = Record<string, unknown> & { _id: string; _type: string }

function random(seed: number) {
  // mulberry32: small, fast, and the same sequence everywhere.
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const rand = random(20260504)
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]
const some = <T>(items: readonly T[], n: number) => [...items].sort(() => rand() - 0.5).slice(0, n)
const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
const pad = (i: number) => String(i).padStart(4, '0')

const SENTENCES = [
  'Most adults need seven to nine hours of sleep, but the quality of those hours matters as much as the number.',
  'A cool, dark and quiet bedroom makes it easier for your body to follow its natural wind-down signals.',
  'Light in the evening, especially from screens, can nudge your internal clock later than you would like.',
  'Keeping the same wake-up time every day, weekends included, is one of the most reliable ways to steady your rhythm.',
  'Caffeine can linger in your system for hours, so an afternoon coffee may still be working at bedtime.',
  'If you are lying awake for a long time, getting up for a few minutes of something calm often helps more than trying harder.',
  'Small changes tend to stick better than a complete overhaul of your evening.',
  'Room temperature has a real effect: many people sleep best somewhere between 60 and 67 °F.',
  'Alcohol may make you drowsy at first, but it tends to fragment sleep in the second half of the night.',
  'A short routine repeated every night teaches your brain that sleep is coming.',
  'Supplements are not a substitute for good habits, and it is worth checking with your doctor before starting one.',
  'Your mattress and pillow should support a neutral spine in the position you sleep in most.',
  'Noise that comes and goes is more disruptive than steady background sound.',
  'Exercise earlier in the day is linked to deeper sleep, while hard workouts right before bed can keep some people alert.',
  'Blackout curtains and a sleep mask are simple ways to deal with streetlights and early sunrises.',
  'A heavy meal late in the evening can make it harder to settle, especially if you are prone to heartburn.',
  'Writing tomorrow’s to-do list before bed can quiet a busy mind.',
  'Breathing slowly, with a longer exhale than inhale, is a quick way to shift your body toward rest.',
  'Naps can help, but keeping them short and early protects your night’s sleep.',
  'If snoring, gasping or constant daytime sleepiness are part of the picture, talk to a doctor about a sleep study.',
]
const TOPICS = [
  'magnesium',
  'melatonin',
  'blackout curtains',
  'a cooler bedroom',
  'white noise',
  'weighted blankets',
  'evening light',
  'caffeine',
  'napping',
  'a wind-down routine',
  'sleep masks',
  'memory foam',
  'herbal tea',
  'morning sunlight',
  'bedtime snacks',
]
const PROBLEMS = [
  'insomnia',
  'restless legs',
  'night sweats',
  'early waking',
  'jet lag',
  'shift work',
  'a racing mind',
  'light sleep',
  'snoring partners',
  'sleeping hot',
]
const TITLES = [
  (t: string, p: string) => `Does ${t} help with ${p}?`,
  (t: string) => `A practical guide to ${t}`,
  (t: string, p: string) => `What to try for ${p} when nothing else works`,
  (t: string) => `How ${t} can change your sleep`,
  (_t: string, p: string) => `Five small changes for ${p}`,
]
const FAQ = [
  [
    'How long does it take to notice a difference?',
    'Most people notice changes within one to two weeks of keeping a habit consistent. Give any single change at least that long before judging it.',
  ],
  [
    'Is it safe to combine sleep supplements?',
    'Some combinations are fine and others are not. Check with a pharmacist or doctor, especially if you take other medicines.',
  ],
  [
    'Should I use this every night?',
    'For habits like a wind-down routine, yes: consistency is the point. For supplements, follow the label and your doctor’s advice.',
  ],
  [
    'What if I still cannot sleep?',
    'Get up after about twenty minutes awake, do something calm in dim light, and return to bed when you feel sleepy.',
  ],
  [
    'Does the bedroom temperature really matter?',
    'Yes. Your core temperature drops as you fall asleep, and a cool room makes that easier.',
  ],
  [
    'Can children follow the same advice?',
    'The basics carry over, but children need more sleep and different routines. Ask your pediatrician about anything beyond habits.',
  ],
  [
    'Is screen time before bed always bad?',
    'Bright, engaging content is the main problem. Dimming the screen and choosing something calm helps if you do use one.',
  ],
  [
    'How dark should the room be?',
    'Dark enough that you cannot see your hand clearly in front of you once your eyes adjust.',
  ],
]
const CATEGORY_PRODUCTS: Record<
  string,
  { nouns: string[]; variants: string[][]; price: [number, number] }
> = {
  'category-supplements': {
    nouns: [
      'Magnesium Capsules',
      'Melatonin Gummies',
      'Valerian Tea',
      'Glycine Powder',
      'L-Theanine Chews',
    ],
    variants: [['30 servings', '60 servings', '90 servings']],
    price: [900, 4900],
  },
  'category-mattresses': {
    nouns: ['Hybrid Mattress', 'Memory Foam Mattress', 'Latex Mattress', 'Mattress Topper'],
    variants: [['Twin', 'Full', 'Queen', 'King']],
    price: [19900, 189900],
  },
  'category-blackout-curtains': {
    nouns: ['Blackout Curtains', 'Thermal Drapes', 'Blackout Blinds', 'Curtain Liner'],
    variants: [['52 × 63 in', '52 × 84 in', '52 × 96 in']],
    price: [2900, 12900],
  },
  'category-sleep-accessories': {
    nouns: [
      'Sleep Mask',
      'Cooling Pillow',
      'White Noise Machine',
      'Weighted Blanket',
      'Sunrise Alarm',
    ],
    variants: [['Standard'], ['Standard', 'Large']],
    price: [1500, 14900],
  },
}
const ADJECTIVES = [
  'Calm',
  'Deep',
  'Quiet',
  'Cloud',
  'Lunar',
  'Still',
  'Soft',
  'Dusk',
  'Velvet',
  'Harbor',
  'Meadow',
  'Slate',
]
const BADGES = [
  'Bestseller',
  'New',
  'Vegan',
  'Third-party tested',
  '100-night trial',
  'Machine washable',
]

const block = (
  key: string,
  text: string,
  style = 'normal',
  extra: Record<string, unknown> = {},
) => ({
  _type: 'block',
  _key: key,
  style,
  markDefs: [],
  children: [{ _type: 'span', _key: 's0', text, marks: [] }],
  ...extra,
})
const paragraph = (key: string) => block(key, some(SENTENCES, int(2, 4)).join(' '))

/** The seed's documents with `_sanityAsset` paths made absolute, so the NDJSON can live anywhere. */
function seedDocs(): Doc[] {
  const base = dirname(SEED)
  return readFileSync(SEED, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map(
      (line) =>
        JSON.parse(
          line.replace(/"(image|file)@file:\/\/(\.[^"]+)"/g, (_, kind: string, path: string) =>
            JSON.stringify(`${kind}@file://${resolve(base, path)}`),
          ),
        ) as Doc,
    )
}

function product(i: number, imagesOf: Map<string, Doc[]>): Doc {
  const category = pick(Object.keys(CATEGORY_PRODUCTS))
  const spec = CATEGORY_PRODUCTS[category]
  const title = `${pick(ADJECTIVES)} ${pick(spec.nouns)}`
  const variantTitles = pick(spec.variants)
  const base = int(spec.price[0], spec.price[1])
  return {
    _id: `product-gen-${pad(i)}`,
    _type: 'product',
    title,
    slug: { _type: 'slug', current: `${slugify(title)}-${pad(i)}` },
    category: { _type: 'reference', _ref: category },
    tagline: pick(SENTENCES).slice(0, 120),
    images: some(imagesOf.get(category) ?? [], int(1, 2)).map((image, k) => ({
      ...image,
      _key: `image-${k}`,
    })),
    description: some(SENTENCES, int(3, 5)).join(' '),
    variants: variantTitles.map((variant, k) => ({
      _type: 'productVariant',
      _key: slugify(variant),
      title: variant,
      sku: `RW-GEN-${pad(i)}-${k}`,
      priceCents: Math.round((base * (1 + k * 0.4)) / 100) * 100 - 1,
      currency: 'usd',
    })),
    badges: some(BADGES, int(0, 2)),
    featured: rand() < 0.02,
  }
}

function article(
  i: number,
  title: string,
  authors: string[],
  heroes: Doc[],
  productIds: string[],
  slugs: string[],
): Doc {
  const products = some(productIds, int(2, 4))
  const body: unknown[] = [paragraph('intro-1'), paragraph('intro-2')]
  for (let s = 0; s < int(3, 5); s++) {
    body.push(
      block(
        `h-${s}`,
        `${pick(['Why', 'How', 'When'])} ${pick(TOPICS)} ${pick(['matters', 'helps', 'fits in'])}`,
        'h2',
      ),
    )
    body.push(paragraph(`p-${s}-1`))
    if (s === 1) {
      for (let b = 0; b < int(3, 4); b++)
        body.push({ ...block(`list-${b}`, pick(SENTENCES)), listItem: 'bullet', level: 1 })
    }
    // An inline link to another guide, as editors write them.
    body.push({
      ...paragraph(`p-${s}-2`),
      markDefs: [{ _type: 'link', _key: `link-${s}`, href: `/articles/${pick(slugs)}` }],
      children: [
        { _type: 'span', _key: 's0', text: pick(SENTENCES), marks: [] },
        {
          _type: 'span',
          _key: 's1',
          text: ` Read more in our ${pick(TOPICS)} guide.`,
          marks: [`link-${s}`],
        },
      ],
    })
    if (s < products.length && rand() < 0.6)
      body.push({
        _type: 'productCard',
        _key: `card-${s}`,
        product: { _type: 'reference', _ref: products[s] },
        note: pick(SENTENCES).slice(0, 160),
      })
    if (s === 2 && rand() < 0.25) body.push({ ...pick(heroes), _key: `image-${s}` })
    if (rand() < 0.15) body.push(block(`quote-${s}`, pick(SENTENCES), 'blockquote'))
  }
  const published = Date.UTC(2019, 0, 1) + Math.floor(rand() * 6 * 365 * 86_400_000)
  return {
    _id: `article-gen-${pad(i)}`,
    _type: 'article',
    title,
    slug: { _type: 'slug', current: slugs[i] },
    excerpt: some(SENTENCES, 2).join(' ').slice(0, 300),
    author: { _type: 'reference', _ref: pick(authors) },
    publishedAt: new Date(published).toISOString(),
    ...(rand() < 0.5
      ? { updatedAt: new Date(published + int(1, 400) * 86_400_000).toISOString() }
      : {}),
    heroImage: pick(heroes),
    body,
    faq: some(FAQ, int(2, 6)).map(([question, answer], k) => ({
      _type: 'faqItem',
      _key: `faq-${k}`,
      question,
      answer,
    })),
    products: products.map((id, k) => ({ _type: 'reference', _key: `p-${k}`, _ref: id })),
    ...(rand() < 0.7
      ? {
          seo: {
            title: `${title} | Restwell`.slice(0, 70),
            description: pick(SENTENCES).slice(0, 160),
          },
        }
      : {}),
  }
}

/** Writes the seed plus `counts` generated documents to `outFile`; returns how many articles it holds. */
export function generateDataset(outFile: string, counts = LARGE) {
  const seed = seedDocs()
  const of = (type: string) => seed.filter((doc) => doc._type === type)
  const authors = of('author').map((doc) => doc._id)
  // Generated products show the seed's pictures of their own category.
  const productImages = new Map<string, Doc[]>()
  for (const doc of of('product')) {
    const category = (doc.category as { _ref: string })._ref
    productImages.set(category, [...(productImages.get(category) ?? []), ...(doc.images as Doc[])])
  }
  const heroes = of('article').map((doc) => doc.heroImage as Doc)
  const products = Array.from({ length: counts.products }, (_, i) => product(i, productImages))
  const productIds = [...of('product'), ...products].map((doc) => doc._id)
  const titles = Array.from({ length: counts.articles }, () =>
    pick(TITLES)(pick(TOPICS), pick(PROBLEMS)),
  )
  const slugs = titles.map((title, i) => `${slugify(title)}-${pad(i)}`)
  const articles = titles.map((title, i) => article(i, title, authors, heroes, productIds, slugs))
  const docs = [...seed, ...products, ...articles]
  mkdirSync(dirname(outFile), { recursive: true })
  writeFileSync(outFile, docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n')
  // Stock is not content: the counts go to PostgreSQL, the seed's and one for each generated variant.
  const stock = [
    ...JSON.parse(readFileSync(SEED_INVENTORY, 'utf8')),
    ...products.flatMap((doc) =>
      (doc.variants as Doc[]).map((variant) => ({
        productId: doc._id,
        variantKey: variant._key,
        onHand: rand() < 0.1 ? 0 : int(5, 200),
      })),
    ),
  ]
  writeFileSync(inventoryFileFor(outFile), JSON.stringify(stock))
  return {
    documents: docs.length,
    articles: of('article').length + articles.length,
    products: of('product').length + products.length,
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = resolve(process.argv[2] ?? '.data/bench/large.ndjson')
  console.log(`[generate] ${JSON.stringify(generateDataset(out))} → ${out}`)
}
