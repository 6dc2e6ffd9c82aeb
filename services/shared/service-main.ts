/**
 * What every local service's entry point shares: required settings from the environment, and a
 * clean stop on SIGINT/SIGTERM. (Services import nothing from the store, only from each other here.)
 */
export function requiredEnv(service: string) {
  return (name: string) => {
    const value = process.env[name]
    if (!value) throw new Error(`${service}: ${name} is required`)
    return value
  }
}

export function closeOnSignals(service: { close(): Promise<void> }) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void service.close().then(() => process.exit(0))
    })
  }
}

/** Whatever a service writes (orders' emails and addresses, payments, mail) is readable by this account alone. */
export function privateFiles() {
  process.umask(0o077)
}
