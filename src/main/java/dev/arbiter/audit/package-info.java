/**
 * Evidence that the decision record is what was decided: canonical JSON (RFC 8785) and
 * SHA-256, the hash chain and its Ed25519-signed checkpoints, verification, replay
 * comparison, adverse-action notices and retention rules.
 */
package dev.arbiter.audit;
