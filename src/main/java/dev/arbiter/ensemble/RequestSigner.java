package dev.arbiter.ensemble;

import dev.arbiter.hashing.Digests;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs requests to an HTTP JSON model with HMAC-SHA256. The canonical string (documented in
 * {@code docs/ensemble.md}) is
 * {@code METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(SHA-256(body))}; the key id and version
 * travel in headers so a provider can hold two key versions while keys rotate.
 */
public final class RequestSigner {

    public static final String KEY_ID = "X-Arbiter-Key-Id";
    public static final String KEY_VERSION = "X-Arbiter-Key-Version";
    public static final String TIMESTAMP = "X-Arbiter-Timestamp";
    public static final String NONCE = "X-Arbiter-Nonce";
    public static final String SIGNATURE = "X-Arbiter-Signature";

    private final String keyId;
    private final int keyVersion;
    private final byte[] secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RequestSigner(String keyId, int keyVersion, byte[] secret, Clock clock) {
        this.keyId = keyId;
        this.keyVersion = keyVersion;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /** The headers to send with a request of this method, path and body. */
    public Map<String, String> sign(String method, String path, byte[] body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = Digests.hex(nonceBytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KEY_ID, keyId);
        headers.put(KEY_VERSION, Integer.toString(keyVersion));
        headers.put(TIMESTAMP, timestamp);
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, signature(secret, method, path, timestamp, nonce, body));
        return headers;
    }

    /** The lowercase hex HMAC-SHA256 a provider recomputes to verify a request. */
    public static String signature(
            byte[] secret, String method, String path, String timestamp, String nonce, byte[] body) {
        return Digests.hmacSha256Hex(secret, canonical(method, path, timestamp, nonce, body));
    }

    static String canonical(String method, String path, String timestamp, String nonce, byte[] body) {
        return method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + Digests.sha256Hex(body);
    }
}
