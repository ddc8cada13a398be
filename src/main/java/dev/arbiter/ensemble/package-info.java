/**
 * The model ensemble: which models are asked for each role and why, failover, deadlines,
 * cost budgets and data-region policy, and the adapters that reach the models (in-process
 * scorecards from {@code engine/models}, signed HTTP JSON, OpenAI-compatible chat).
 */
package dev.arbiter.ensemble;
