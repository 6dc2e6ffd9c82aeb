/**
 * The names and addresses by which only this machine reaches itself: the HOST that local mode may
 * listen on without a Studio password (lib/env.ts), and the site names that count as one another
 * (lib/http/client.ts). IPv6 without brackets, as HOST takes it.
 */
export const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1'])
