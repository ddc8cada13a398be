/**
 * Evidence that the decision record is what was decided: the hash chain and its
 * Ed25519-signed checkpoints, verification, replay, adverse-action notices and retention.
 */
package dev.arbiter.audit;
