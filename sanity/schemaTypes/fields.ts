import { defineField } from 'sanity'

/** An image that cannot be saved without alt text: every image we render has one. */
export const imageWithAlt = (name: string, title: string) =>
  defineField({
    name,
    title,
    type: 'image',
    options: { hotspot: true },
    fields: [
      defineField({
        name: 'alt',
        title: 'Alternative text',
        type: 'string',
        description: 'Describe the image for people who cannot see it.',
        validation: (rule) => rule.required().min(3).max(200),
      }),
    ],
    validation: (rule) => rule.required(),
  })

export const slugFrom = (source: string) =>
  defineField({
    name: 'slug',
    title: 'Slug',
    type: 'slug',
    options: { source, maxLength: 96 },
    validation: (rule) => rule.required(),
  })
