package dev.arbiter.rules;

import java.time.Instant;

/** One switch of the active version; {@code from} is null for the first. */
public record Activation(long sequence, String from, String to, String activatedBy, Instant activatedAt) {}
