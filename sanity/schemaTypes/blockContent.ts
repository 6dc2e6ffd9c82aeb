import { defineArrayMember, defineField, defineType } from 'sanity'
import { imageWithAlt } from './fields'

/** Inline product recommendation placed inside an article's body. */
export const productCard = defineType({
  name: 'productCard',
  title: 'Product card',
  type: 'object',
  fields: [
    defineField({
      name: 'product',
      type: 'reference',
      to: [{ type: 'product' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'note',
      title: 'Why we recommend it',
      type: 'string',
      validation: (rule) => rule.max(160),
    }),
  ],
  preview: {
    select: { title: 'product.title', subtitle: 'note', media: 'product.images.0' },
    prepare: ({ title, subtitle, media }) => ({
      title: `Product: ${title ?? '—'}`,
      subtitle,
      media,
    }),
  },
})

export const blockContent = defineType({
  name: 'blockContent',
  title: 'Body',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        { title: 'Normal', value: 'normal' },
        { title: 'Heading 2', value: 'h2' },
        { title: 'Heading 3', value: 'h3' },
        { title: 'Quote', value: 'blockquote' },
      ],
      lists: [
        { title: 'Bullet', value: 'bullet' },
        { title: 'Numbered', value: 'number' },
      ],
      marks: {
        decorators: [
          { title: 'Strong', value: 'strong' },
          { title: 'Emphasis', value: 'em' },
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: 'Link',
            type: 'object',
            fields: [
              defineField({
                name: 'href',
                type: 'url',
                validation: (rule) =>
                  rule.required().uri({ scheme: ['http', 'https', 'mailto'], allowRelative: true }),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({ ...imageWithAlt('image', 'Image'), validation: undefined }),
    defineArrayMember({ type: 'productCard' }),
  ],
})
