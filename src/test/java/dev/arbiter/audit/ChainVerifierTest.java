package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.hashing.CanonicalJson;
import dev.arbiter.hashing.ChainHash;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private final SigningKey key = SigningKey.generate(new SecureRandom());
    private final ChainVerifier verifier =
            new ChainVerifier(id -> id.equals(key.keyId()) ? Optional.of(key.publicKey()) : Optional.empty());

    /** A correctly linked chain of {@code n} decision entries from position 1. */
    private static List<ChainEntry> chain(int n) {
        List<ChainEntry> entries = new ArrayList<>();
        String previous = ChainHash.GENESIS;
        for (int i = 1; i <= n; i++) {
            String record = CanonicalJson.sha256("record " + i);
            String link = ChainHash.linkHash(previous, record);
            entries.add(new ChainEntry(i, "DECISION", UUID.randomUUID(), record, previous, link, record, null));
            previous = link;
        }
        return entries;
    }

    private Checkpoint signed(ChainEntry head) {
        Instant at = Instant.parse("2026-11-26T01:00:00Z");
        return new Checkpoint(
                1,
                head.position(),
                head.linkHash(),
                at,
                key.keyId(),
                key.sign(Checkpoint.message(head.position(), head.linkHash(), at, key.keyId())));
    }

    private VerifyReport verify(List<ChainEntry> entries, List<Checkpoint> checkpoints) {
        return verifier.verify(1, 4, ChainHash.GENESIS, entries, checkpoints, 0);
    }

    private static ChainEntry recomputedAs(ChainEntry e, String hash) {
        return new ChainEntry(
                e.position(),
                e.subjectKind(),
                e.subjectId(),
                e.recordHash(),
                e.previousHash(),
                e.linkHash(),
                hash,
                null);
    }

    private static ChainEntry at(ChainEntry e, long position) {
        return new ChainEntry(
                position,
                e.subjectKind(),
                e.subjectId(),
                e.recordHash(),
                e.previousHash(),
                e.linkHash(),
                e.recomputedRecordHash(),
                null);
    }

    @Test
    void anUntouchedChainWithASignedHeadIsIntact() {
        List<ChainEntry> entries = chain(4);

        VerifyReport report = verify(entries, List.of(signed(entries.get(3))));

        assertThat(report.intact()).isTrue();
        assertThat(report.linksChecked()).isEqualTo(4);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
    }

    @Test
    void aRecordThatNoLongerHashesAsLinkedIsEdited() {
        List<ChainEntry> entries = chain(4);
        entries.set(2, recomputedAs(entries.get(2), CanonicalJson.sha256("changed")));

        Finding problem = verify(entries, List.of()).problem();

        assertThat(problem.kind()).isEqualTo(Tamper.EDITED);
        assertThat(problem.position()).isEqualTo(3);
    }

    @Test
    void aMissingRecordIsDeleted() {
        List<ChainEntry> entries = chain(4);
        entries.set(1, recomputedAs(entries.get(1), null));

        assertThat(verify(entries, List.of()).problem())
                .extracting(Finding::kind, Finding::position)
                .containsExactly(Tamper.DELETED, 2L);
    }

    @Test
    void aGapInPositionsIsDeleted() {
        List<ChainEntry> entries = chain(4);
        entries.remove(1);

        assertThat(verify(entries, List.of()).problem())
                .extracting(Finding::kind, Finding::position)
                .containsExactly(Tamper.DELETED, 2L);
    }

    @Test
    void swappedPositionsAreReordered() {
        List<ChainEntry> entries = chain(4);
        ChainEntry second = entries.get(1);
        ChainEntry third = entries.get(2);
        entries.set(1, at(third, 2));
        entries.set(2, at(second, 3));

        assertThat(verify(entries, List.of()).problem())
                .extracting(Finding::kind, Finding::position)
                .containsExactly(Tamper.REORDERED, 2L);
    }

    @Test
    void aTruncatedTailBelowASignedCheckpointIsDeleted() {
        List<ChainEntry> entries = chain(4);
        Checkpoint head = signed(entries.get(3));
        entries.remove(3);

        assertThat(verify(entries, List.of(head)).problem())
                .extracting(Finding::kind, Finding::position)
                .containsExactly(Tamper.DELETED, 4L);
    }

    @Test
    void aCheckpointWhoseSignatureDoesNotVerifyIsABadSignature() {
        List<ChainEntry> entries = chain(4);
        Checkpoint good = signed(entries.get(3));
        Checkpoint forged = new Checkpoint(
                good.id(),
                good.position(),
                good.headHash(),
                good.signedAt().plusSeconds(1),
                good.keyId(),
                good.signature());

        assertThat(verify(entries, List.of(forged)).problem())
                .extracting(Finding::kind, Finding::position)
                .containsExactly(Tamper.BAD_SIGNATURE, 4L);
    }

    @Test
    void aCheckpointByAnUnknownKeyIsABadSignature() {
        List<ChainEntry> entries = chain(4);
        Checkpoint good = signed(entries.get(3));
        Checkpoint stranger = new Checkpoint(
                good.id(), good.position(), good.headHash(), good.signedAt(), "0000000000000000", good.signature());

        assertThat(verify(entries, List.of(stranger)).problem().kind()).isEqualTo(Tamper.BAD_SIGNATURE);
    }
}
