/**
 * The Drools adapter: loads a ruleset folder, compiles it whole or not at all, evaluates
 * applications with a fired-rule trace, swaps the active version atomically, and runs the
 * golden cases stored beside the rules; versions, four-eyes approval, activation across nodes,
 * backtest, shadow and coverage, with their HTTP API.
 */
package dev.arbiter.rules;
