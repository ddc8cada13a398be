/**
 * The model ensemble: which models are asked for each role, and the adapters that reach
 * them, starting with in-process scorecards loaded from {@code engine/models}.
 */
package dev.arbiter.ensemble;
