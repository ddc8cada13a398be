package dev.arbiter.hashing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256, written as lower-case hex where a text is wanted. Ruleset hashes,
 * chain keys, request signatures and keyed personal-data hashes are stored or compared across
 * processes, so they are all taken here, the one way.
 */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();
    private static final String HMAC_SHA256 = "HmacSHA256";

    /*
     * One SHA-256 and one HMAC-SHA256 per thread, for the one-shot digests below: every signed
     * request takes one of each (the body's digest, the signature), and looking them up from the
     * providers cost more than computing them for a small body. Neither calls out while in use,
     * and each is reset (or initialised with the key) before it is used.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Digests::newSha256);
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(HMAC_SHA256);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has HMAC-SHA256", impossible);
        }
    });

    private Digests() {}

    public static byte[] sha256(byte[] bytes) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(bytes);
    }

    public static String sha256Hex(byte[] bytes) {
        return hex(sha256(bytes));
    }

    /** A fresh SHA-256 for hashing a value fed in parts. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    public static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(paddedKey(key), HMAC_SHA256));
            return mac.doFinal(data);
        } catch (InvalidKeyException impossible) {
            throw new IllegalStateException("every JVM has HMAC-SHA256 and takes any key length", impossible);
        }
    }

    /** HMAC-SHA256 of the UTF-8 bytes of {@code text}, in hex. */
    public static String hmacSha256Hex(byte[] key, String text) {
        return hex(hmacSha256(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /*
     * SecretKeySpec refuses an empty key, which HMAC allows (RFC 2104 pads every key shorter
     * than the 64-byte block with zeros). A single zero byte pads to the same block, so the MAC is
     * the one an empty key gives, as it was when Bouncy Castle computed it.
     */
    private static byte[] paddedKey(byte[] key) {
        return key.length == 0 ? new byte[1] : key;
    }
}
