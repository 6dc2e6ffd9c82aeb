import type { RootContext } from '../context'
import { sendJson } from '../http'
import { healthAnswer } from '../../shared/health'

/** `/health`: ready, with a proof that this lake holds the project's write token. */
export function health({ lake, res, url }: RootContext) {
  sendJson(res, 200, healthAnswer(lake.config.writeToken, url))
}
