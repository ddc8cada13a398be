package dev.arbiter.audit;

/**
 * The outcome of verifying part of the chain.
 *
 * @param unlinked records written but not yet linked when verification ran (they are covered
 *                 by their record hash only until the linker reaches them)
 * @param problem  the first problem found, or null when the range is intact
 */
public record VerifyReport(
        boolean intact,
        long from,
        long to,
        long linksChecked,
        int checkpointsChecked,
        long unlinked,
        Finding problem) {}
