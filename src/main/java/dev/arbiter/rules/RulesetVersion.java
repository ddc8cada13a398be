package dev.arbiter.rules;

import java.time.Instant;

/**
 * What is known about a stored version besides its files.
 *
 * @param parent     the version it was derived from, or null
 * @param approvedBy who approved it, or null while it is a draft
 */
public record RulesetVersion(
        String version,
        String author,
        Instant createdAt,
        String parent,
        RulesetStatus status,
        String approvedBy,
        Instant approvedAt) {}
