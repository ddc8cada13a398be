package dev.arbiter.audit;

import java.util.Optional;

/** Links what is pending, then recomputes a range of the chain and its checkpoints. */
public final class JdbcChainVerification {

    private final JdbcChain chain;
    private final JdbcCheckpoints checkpoints;
    private final ChainVerifier verifier;

    public JdbcChainVerification(JdbcChain chain, JdbcCheckpoints checkpoints) {
        this.chain = chain;
        this.checkpoints = checkpoints;
        this.verifier = new ChainVerifier(checkpoints::publicKey);
    }

    /**
     * @param from first position to check (1 when null)
     * @param to   last position to check (the head when null)
     */
    public VerifyReport verify(Long from, Long to) {
        chain.linkPending(true);
        long head = chain.head().map(JdbcChain.Head::position).orElse(0L);
        long end = Math.max(head, checkpoints.latest().map(c -> c.position()).orElse(0L));
        long last = to == null ? end : Math.min(to, end);
        long first = from == null ? 1 : from;
        if (first > last) {
            return new VerifyReport(true, first, last, 0, 0, chain.unlinked(), null);
        }
        String predecessor = first <= 1 ? ChainHash.GENESIS : chain.linkHashAt(first - 1).orElse(null);
        return verifier.verify(first, last, predecessor, chain.entries(first, last),
                checkpoints.between(first, last), chain.unlinked());
    }

    public Optional<JdbcChain.Head> head() {
        return chain.head();
    }
}
