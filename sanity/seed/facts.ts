/** What the seed's main article must contain, for the tests that check it (queries and browser). */
export const MAGNESIUM_ARTICLE = {
  id: 'article-magnesium-restless-legs',
  slug: 'is-magnesium-good-for-restless-legs',
  title: 'Is Magnesium Good For Restless Legs?',
  questions: [
    'What is restless legs syndrome?',
    'What causes restless legs?',
    'Can magnesium help treat restless leg syndrome?',
    'What are things I can do on my own to relieve restless legs?',
    'Will a new mattress help with restless legs?',
    'When can I expect my restless legs syndrome to end?',
  ],
}
