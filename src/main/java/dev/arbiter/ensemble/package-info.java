/**
 * The model ensemble's adapters and routing; so far the in-process scorecard that scores an
 * application with a model file shipped under {@code engine/models}, with no network at all.
 */
package dev.arbiter.ensemble;
