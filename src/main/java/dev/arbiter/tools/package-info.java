/**
 * Offline tools run from the command line, never by the engine: reading the German credit
 * data as Arbiter applications, training the shipped primary scorecard from it, checking a
 * ruleset folder against its golden cases, and filling a database for backtest benchmarks.
 */
package dev.arbiter.tools;
