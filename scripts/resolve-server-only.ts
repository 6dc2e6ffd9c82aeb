import { register } from 'node:module'

/**
 * Lets a plain-Node script (tsx) load the store's server modules. A module that holds a secret
 * starts with `import 'server-only'`, which throws unless it is resolved under the `react-server`
 * condition, as Next's server build resolves it; Node resolves it without, so a script that
 * reached such a module would stop there. Once this module has run, `server-only` resolves with
 * that condition, to the package's empty module.
 *
 * Node resolves all of a module's static imports before it runs any of them: a script imports
 * this module statically, then the server modules with `await import()`.
 */
const hooks = `export async function resolve(specifier, context, next) {
  if (specifier !== 'server-only') return next(specifier, context)
  return next(specifier, { ...context, conditions: [...context.conditions, 'react-server'] })
}`

register(`data:text/javascript,${encodeURIComponent(hooks)}`)
