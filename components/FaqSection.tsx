import { clsx } from 'clsx'
import type { EditAttributes } from '@/lib/content/edit-attributes'
import { borderedCard } from './styles'
import type { Article } from './types'

/** Questions and answers as native disclosure widgets: keyboard accessible with no script. */
export function FaqSection({ faq, edit }: { faq: Article['faq']; edit: EditAttributes }) {
  if (!faq?.length) return null
  return (
    <section aria-labelledby="faq-heading" className="mt-16">
      <h2 id="faq-heading" className="font-serif text-2xl text-night sm:text-3xl">
        Frequently asked questions
      </h2>
      <div className={clsx(borderedCard, 'mt-6 divide-y divide-night/10')}>
        {faq.map((item) => (
          <details key={item._key} className="group p-5" data-testid="faq-item">
            <summary
              {...edit(`faq[_key=="${item._key}"].question`)}
              className={clsx(
                'flex list-none items-center justify-between gap-4',
                'cursor-pointer font-medium text-night',
              )}
            >
              {item.question}
              <span aria-hidden="true" className="text-indigo transition group-open:rotate-45">
                +
              </span>
            </summary>
            <p
              {...edit(`faq[_key=="${item._key}"].answer`)}
              className="mt-3 leading-relaxed text-night/80"
            >
              {item.answer}
            </p>
          </details>
        ))}
      </div>
    </section>
  )
}
