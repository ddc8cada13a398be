/**
 * Canonical JSON (RFC 8785) and the digests Arbiter stores or sends (SHA-256, HMAC-SHA256):
 * one home for what the chain, ruleset versions, idempotency, request signing and keyed
 * personal-data hashes compute.
 */
package dev.arbiter.hashing;
