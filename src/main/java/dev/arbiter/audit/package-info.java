/**
 * Evidence that a decision record is what was decided: canonical JSON (RFC 8785) and
 * SHA-256 fingerprints, so the same content always hashes the same on any machine.
 */
package dev.arbiter.audit;
