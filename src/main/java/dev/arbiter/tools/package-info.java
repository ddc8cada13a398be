/**
 * Offline tools run from the command line, never by the engine: reading the German credit
 * data as Arbiter applications and training the shipped primary scorecard from it.
 */
package dev.arbiter.tools;
