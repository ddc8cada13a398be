package dev.arbiter.audit;

import java.util.UUID;

/**
 * One linked entry of the chain as stored, with its record's hash recomputed from the
 * record as it is now.
 *
 * @param recomputedRecordHash null when the record the link stands for is gone
 * @param recordProblem        a reason the record is inconsistent apart from its hash, or null
 */
public record ChainEntry(
        long position,
        String subjectKind,
        UUID subjectId,
        String recordHash,
        String previousHash,
        String linkHash,
        String recomputedRecordHash,
        String recordProblem) {}
