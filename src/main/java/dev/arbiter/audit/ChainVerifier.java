package dev.arbiter.audit;

import dev.arbiter.hashing.ChainHash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Walks linked entries in position order and reports the first that does not hold: a gap or
 * a missing record (deleted), a record or link that no longer hashes as chained (edited), a
 * link whose predecessor sits elsewhere (reordered); then checks every checkpoint's signature
 * and that the signed head is still the chain's link at that position.
 */
public final class ChainVerifier {

    private final Function<String, Optional<byte[]>> publicKeys;

    /** @param publicKeys the public key for a key id, if known */
    public ChainVerifier(Function<String, Optional<byte[]>> publicKeys) {
        this.publicKeys = publicKeys;
    }

    /**
     * @param predecessorHash link hash of the entry just before {@code from} (GENESIS for the
     *                        first), or null when that entry is missing
     * @param entries         the linked entries with positions in [from, to], in position order
     * @param checkpoints     checkpoints whose position lies in [from, to]
     */
    public VerifyReport verify(
            long from,
            long to,
            String predecessorHash,
            List<ChainEntry> entries,
            List<Checkpoint> checkpoints,
            long unlinked) {
        Finding first = walk(from, to, predecessorHash, entries);
        Map<Long, ChainEntry> byPosition = new HashMap<>();
        entries.forEach(e -> byPosition.put(e.position(), e));
        for (Checkpoint checkpoint : checkpoints) {
            Finding found = check(checkpoint, byPosition);
            if (found != null && (first == null || found.position() < first.position())) {
                first = found;
            }
        }
        return new VerifyReport(first == null, from, to, entries.size(), checkpoints.size(), unlinked, first);
    }

    private Finding walk(long from, long to, String predecessorHash, List<ChainEntry> entries) {
        Map<String, Long> positionOfHash = new HashMap<>();
        entries.forEach(e -> positionOfHash.put(e.linkHash(), e.position()));
        long expected = from;
        String previous = predecessorHash;
        if (previous == null && from > 1) {
            return new Finding(Tamper.DELETED, from - 1, null, null, "no link at position " + (from - 1));
        }
        for (ChainEntry entry : entries) {
            if (entry.position() != expected) {
                return new Finding(
                        Tamper.DELETED,
                        expected,
                        null,
                        null,
                        "no link at position " + expected + "; the next link is at " + entry.position());
            }
            Finding found = check(entry, previous, positionOfHash);
            if (found != null) {
                return found;
            }
            previous = entry.linkHash();
            expected++;
        }
        if (expected <= to) {
            return new Finding(
                    Tamper.DELETED,
                    expected,
                    null,
                    null,
                    "no link at position " + expected + "; the chain should reach position " + to);
        }
        return null;
    }

    private static Finding check(ChainEntry e, String previous, Map<String, Long> positionOfHash) {
        if (e.recomputedRecordHash() == null) {
            return finding(
                    Tamper.DELETED, e, "the " + e.subjectKind().toLowerCase() + " record of this link is missing");
        }
        if (e.recordProblem() != null) {
            return finding(Tamper.EDITED, e, e.recordProblem());
        }
        if (!e.recomputedRecordHash().equals(e.recordHash())) {
            return finding(
                    Tamper.EDITED,
                    e,
                    "the record hashes to " + e.recomputedRecordHash() + " but was linked with hash " + e.recordHash());
        }
        if (!ChainHash.linkHash(e.previousHash(), e.recordHash()).equals(e.linkHash())) {
            return finding(Tamper.EDITED, e, "the link's hash does not match its previous hash and record hash");
        }
        if (!e.previousHash().equals(previous)) {
            Long actual = positionOfHash.get(e.previousHash());
            if (actual != null) {
                return finding(
                        Tamper.REORDERED,
                        e,
                        "this link was chained after the link now at position " + actual
                                + ", not after the link at position " + (e.position() - 1));
            }
            return finding(Tamper.DELETED, e, "the link this one was chained after is missing");
        }
        return null;
    }

    /** Whether the checkpoint's signature holds under the key it names. */
    public boolean authentic(Checkpoint c) {
        return publicKeys
                .apply(c.keyId())
                .map(key -> SigningKey.verify(key, c.message(), c.signature()))
                .orElse(false);
    }

    private Finding check(Checkpoint c, Map<Long, ChainEntry> byPosition) {
        Optional<byte[]> key = publicKeys.apply(c.keyId());
        if (key.isEmpty()) {
            return new Finding(
                    Tamper.BAD_SIGNATURE,
                    c.position(),
                    null,
                    null,
                    c.describe() + " names key " + c.keyId() + ", which is not known");
        }
        if (!SigningKey.verify(key.get(), c.message(), c.signature())) {
            return new Finding(
                    Tamper.BAD_SIGNATURE,
                    c.position(),
                    null,
                    null,
                    c.describe() + " does not verify under key " + c.keyId());
        }
        ChainEntry entry = byPosition.get(c.position());
        if (entry == null) {
            return new Finding(
                    Tamper.DELETED,
                    c.position(),
                    null,
                    null,
                    c.describe() + " signed a link at position " + c.position() + " that is missing");
        }
        if (!entry.linkHash().equals(c.headHash())) {
            return finding(
                    Tamper.EDITED,
                    entry,
                    c.describe() + " signed head hash " + c.headHash() + " but the link now has " + entry.linkHash());
        }
        return null;
    }

    private static Finding finding(Tamper kind, ChainEntry e, String detail) {
        return new Finding(kind, e.position(), e.subjectKind(), e.subjectId(), detail);
    }
}
