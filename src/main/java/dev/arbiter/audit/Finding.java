package dev.arbiter.audit;

import java.util.UUID;

/** The first thing verification found wrong: where, on which record, and why. */
public record Finding(Tamper kind, long position, String subjectKind, UUID subjectId, String detail) {}
