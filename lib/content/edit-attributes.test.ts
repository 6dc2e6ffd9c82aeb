import { beforeEach, describe, expect, it, vi } from 'vitest'

const draft = vi.hoisted(() => ({ isEnabled: false }))
vi.mock('next/headers', () => ({ draftMode: async () => draft, cookies: async () => new Map() }))

const { editAttributes } = await import('./edit-attributes')

describe('editAttributes', () => {
  beforeEach(() => {
    draft.isEnabled = false
  })

  it('adds nothing to a reader’s page', async () => {
    const edit = await editAttributes({ _id: 'article-a', _type: 'article' })
    expect(edit('title')).toEqual({})
  })

  it('names the published document, its type and the field, as the Studio reads them', async () => {
    draft.isEnabled = true
    const edit = await editAttributes({ _id: 'drafts.article-a', _type: 'article' })
    expect(edit('title')).toEqual({
      'data-sanity': 'id=article-a;type=article;path=title;base=%2Fstudio',
    })
    expect(edit('faq[_key=="q1"].answer')['data-sanity']).toBe(
      'id=article-a;type=article;path=faq:q1.answer;base=%2Fstudio',
    )
  })
})
