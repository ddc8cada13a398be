/**
 * Canonical JSON (RFC 8785) and the digests taken over it: one home for what the chain,
 * idempotency and request signing hash.
 */
package dev.arbiter.hashing;
