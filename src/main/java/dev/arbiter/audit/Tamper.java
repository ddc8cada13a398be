package dev.arbiter.audit;

/** What verification found wrong with the record. */
public enum Tamper {
    /** A record or a link no longer hashes to what was chained, or a signed head differs. */
    EDITED,
    /** A link or the record it stands for is missing. */
    DELETED,
    /** A link sits at another place in the chain than the one it was linked at. */
    REORDERED,
    /** A checkpoint's signature does not verify under its key. */
    BAD_SIGNATURE
}
