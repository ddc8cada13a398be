/**
 * The model ensemble: which models are asked for each role, and the adapters that reach
 * them (in-process scorecards loaded from {@code engine/models}, with no network at all).
 */
package dev.arbiter.ensemble;
