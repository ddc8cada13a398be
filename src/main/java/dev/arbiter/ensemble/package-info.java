/**
 * The model ensemble: which models are asked for each role, and the adapters that reach
 * them (in-process scorecards loaded from {@code engine/}).
 */
package dev.arbiter.ensemble;
