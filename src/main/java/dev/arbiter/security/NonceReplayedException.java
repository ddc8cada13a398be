package dev.arbiter.security;

/**
 * A request's nonce was already used with its key: the same refusal ({@code NONCE_REPLAYED},
 * 401) as {@link SignedRequests} gives, raised where a nonce is recorded with the work it
 * authorizes rather than before it.
 */
public final class NonceReplayedException extends RuntimeException {

    /** What a 401 answer says the client must send (RFC 9110's WWW-Authenticate), as the filter says it. */
    public static final String WWW_AUTHENTICATE = "ArbiterHMAC headers=\"" + Signatures.KEY_ID + " "
            + Signatures.TIMESTAMP + " " + Signatures.NONCE + " " + Signatures.SIGNATURE + "\"";

    private final transient SignedNonce nonce;

    public NonceReplayedException(SignedNonce nonce) {
        super(RequestVerifier.replayedDetail(nonce.keyId(), nonce.nonce()));
        this.nonce = nonce;
    }

    public SignedNonce nonce() {
        return nonce;
    }

    /** The refusal, as the filter would have written it. */
    public Refusal refusal() {
        return Refusal.of(AuthFailure.NONCE_REPLAYED, getMessage());
    }
}
