package dev.arbiter.ensemble;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

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

    private static final HexFormat HEX = HexFormat.of();

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
        String nonce = HEX.formatHex(nonceBytes);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KEY_ID, keyId);
        headers.put(KEY_VERSION, Integer.toString(keyVersion));
        headers.put(TIMESTAMP, timestamp);
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE, signature(secret, method, path, timestamp, nonce, body));
        return headers;
    }

    /** The lowercase hex HMAC-SHA256 a provider recomputes to verify a request. */
    public static String signature(byte[] secret, String method, String path, String timestamp, String nonce,
                                   byte[] body) {
        String canonical = canonical(method, path, timestamp, nonce, body);
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(secret));
        byte[] input = canonical.getBytes(StandardCharsets.UTF_8);
        mac.update(input, 0, input.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HEX.formatHex(out);
    }

    static String canonical(String method, String path, String timestamp, String nonce, byte[] body) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(body, 0, body.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + HEX.formatHex(hash);
    }
}
