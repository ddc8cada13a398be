package dev.arbiter.audit;

import dev.arbiter.hashing.ChainHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Links what is pending, then recomputes a range of the chain and checks it against every
 * signed checkpoint: those in the database, those in this node's checkpoint file, and those a
 * witness brings. A checkpoint kept outside the database that signed a position beyond the
 * chain's head, or a hash the link there no longer has, shows a truncated or rolled-back
 * database even when the checkpoint table was rolled back with it.
 */
public final class JdbcChainVerification {

    private final JdbcChain chain;
    private final JdbcCheckpoints checkpoints;
    private final Supplier<List<Checkpoint>> kept;
    private final ChainVerifier verifier;

    public JdbcChainVerification(JdbcChain chain, JdbcCheckpoints checkpoints) {
        this(chain, checkpoints, List::of);
    }

    /** @param kept the checkpoints this node keeps outside the database (its checkpoint file) */
    public JdbcChainVerification(JdbcChain chain, JdbcCheckpoints checkpoints, Supplier<List<Checkpoint>> kept) {
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.kept = kept;
        this.verifier = new ChainVerifier(checkpoints::publicKey);
    }

    /**
     * @param from first position to check (1 when null)
     * @param to   last position to check (the head when null)
     */
    public VerifyReport verify(Long from, Long to) {
        return verify(from, to, List.of());
    }

    /** @param witnessed checkpoints a witness kept outside this database (their ids negative) */
    public VerifyReport verify(Long from, Long to, List<Checkpoint> witnessed) {
        chain.linkPending(true);
        List<Checkpoint> outside = new ArrayList<>(kept.get());
        outside.addAll(witnessed);
        long head = chain.head().map(JdbcChain.Head::position).orElse(0L);
        // only a checkpoint whose signature holds may say how far the chain reached
        long signedEnd = outside.stream()
                .filter(verifier::authentic)
                .mapToLong(Checkpoint::position)
                .max()
                .orElse(0L);
        long end = Math.max(
                Math.max(head, signedEnd),
                checkpoints.latest().map(Checkpoint::position).orElse(0L));
        long last = to == null ? end : Math.min(to, end);
        long first = from == null ? 1 : from;
        if (first > last) {
            return new VerifyReport(true, first, last, 0, 0, chain.unlinked(), null);
        }
        List<Checkpoint> all = new ArrayList<>(checkpoints.between(first, last));
        outside.stream()
                .filter(c -> c.position() >= first && c.position() <= last)
                .forEach(all::add);
        String predecessor =
                first <= 1 ? ChainHash.GENESIS : chain.linkHashAt(first - 1).orElse(null);
        return verifier.verify(first, last, predecessor, chain.entries(first, last), all, chain.unlinked());
    }

    public Optional<JdbcChain.Head> head() {
        return chain.head();
    }
}
