/**
 * Arbiter's entry point. Every feature is an application module of its own (Spring Modulith):
 * see docs/architecture.md for the modules and the path of a decision through them.
 */
package dev.arbiter;
