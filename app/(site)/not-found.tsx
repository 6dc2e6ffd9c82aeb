import { NotFoundMessage } from '@/components/NotFoundMessage'

/** An article or product that does not exist (inside the site layout). */
export default function NotFound() {
  return <NotFoundMessage />
}
