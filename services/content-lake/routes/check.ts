import type { ApiContext, RootContext } from '../context'
import { sendJson } from '../http'
import { healthAnswer } from '../../shared/health'

/** `GET /check/cors`: whether the asking origin is on the CORS list, readable by any page (see CorsPolicy). */
export function checkCors({ lake, req, res }: ApiContext) {
  res.setHeader('access-control-allow-origin', '*')
  sendJson(res, 200, lake.cors.checkAnswer(req))
}

/** `/health`: ready, with a proof that this lake holds the project's write token. */
export function health({ lake, res, url }: RootContext) {
  sendJson(res, 200, healthAnswer(lake.config.writeToken, url))
}
