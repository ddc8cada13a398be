/**
 * Arbiter's entry point and explicit wiring: which adapters serve the core's ports, and
 * where PostgreSQL, the rules and the models come from.
 */
package dev.arbiter;
