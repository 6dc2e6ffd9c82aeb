import { defineField, defineType } from 'sanity'
import { imageWithAlt, slugFrom } from './fields'

export const author = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  fields: [
    defineField({ name: 'name', type: 'string', validation: (rule) => rule.required().max(80) }),
    slugFrom('name'),
    defineField({ name: 'role', type: 'string', validation: (rule) => rule.max(80) }),
    defineField({ name: 'bio', type: 'text', rows: 3, validation: (rule) => rule.max(400) }),
    { ...imageWithAlt('image', 'Portrait'), validation: undefined },
  ],
  preview: { select: { title: 'name', subtitle: 'role', media: 'image' } },
})
