import * as nodeModule from 'node:module'

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
type Resolve<Result> = (
  specifier: string,
  context: { conditions: string[] },
  next: (specifier: string, context: { conditions: string[] }) => Result,
) => Result

const withServerCondition: Resolve<unknown> = (specifier, context, next) =>
  specifier === 'server-only'
    ? next(specifier, { ...context, conditions: [...context.conditions, 'react-server'] })
    : next(specifier, context)

// In-thread hooks where Node has them (22.15+): hooks registered with module.register run on a
// separate thread, and every import() of the process, Next's one per request for its cache
// handler included, would wait for a message to that thread and back.
const { registerHooks } = nodeModule as typeof nodeModule & {
  registerHooks?: (hooks: { resolve: Resolve<unknown> }) => void
}
if (registerHooks) registerHooks({ resolve: withServerCondition })
// The hook thread loads the hook from source: the same function, as text.
else
  nodeModule.register(
    `data:text/javascript,${encodeURIComponent(`export const resolve = ${withServerCondition}`)}`,
  )
