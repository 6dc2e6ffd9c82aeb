let next = 0

/** A client address no other test call has used, so per-client hold limits never couple unrelated buyers. */
export function newClient() {
  next += 1
  return `10.77.${(next >> 8) & 255}.${next & 255}`
}
