import type { RootContext } from '../context'
import { sendJson } from '../http'
import { healthAnswer } from '../../shared/health'

/** `/health`: ready, with a proof that this double holds the project's secret key. */
export function health({ double, res, url }: RootContext) {
  sendJson(res, { status: 200, body: healthAnswer(double.config.secretKey, url) })
}
