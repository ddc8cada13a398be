package dev.arbiter.personaldata;

import dev.arbiter.hashing.Digests;
import dev.arbiter.security.AesGcm;
import dev.arbiter.security.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.UUID;

/**
 * Envelope encryption of one record's personal data: a fresh data key per record encrypts the
 * data (AES-GCM, bound to the record id), and the master key wraps the data key. Deleting the
 * wrapped key makes the data unreadable for good (crypto-shredding) while the rest of the record
 * stays intact. The national id is findable only through a keyed hash, never in clear.
 */
public final class PersonalDataCipher {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKey master;
    private final byte[] searchKey;
    private final byte[] fingerprintKey;

    public PersonalDataCipher(MasterKey master) {
        this.master = master;
        this.searchKey = master.derive("pii-search");
        this.fingerprintKey = master.derive("pii-fingerprint");
    }

    /** The sealed data and its data key wrapped by the master key. */
    public record Sealed(byte[] wrappedKey, byte[] ciphertext) {}

    public Sealed seal(UUID recordId, byte[] plaintext) {
        byte[] dataKey = new byte[AesGcm.KEY_BYTES];
        RANDOM.nextBytes(dataKey);
        byte[] ciphertext = AesGcm.seal(dataKey, plaintext, ("pii:" + recordId).getBytes(StandardCharsets.UTF_8));
        byte[] wrapped = master.seal(dataKey, "pii-key:" + recordId);
        java.util.Arrays.fill(dataKey, (byte) 0);
        return new Sealed(wrapped, ciphertext);
    }

    public byte[] open(UUID recordId, Sealed sealed) {
        byte[] dataKey = master.open(sealed.wrappedKey(), "pii-key:" + recordId);
        try {
            return AesGcm.open(dataKey, sealed.ciphertext(), ("pii:" + recordId).getBytes(StandardCharsets.UTF_8));
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The keyed hash a national id is searched by: HMAC-SHA256 under a key derived from the
     * master key, over the id with spaces, dots and hyphens removed and letters upper-cased.
     */
    public String nationalIdHash(String nationalId) {
        return Digests.hmacSha256Hex(
                searchKey, nationalId.replaceAll("[\\s.-]", "").toUpperCase(Locale.ROOT));
    }

    /** A one-way, keyed stand-in for personal data inside a request fingerprint. */
    public String fingerprint(String canonicalPersonalData) {
        return Digests.hmacSha256Hex(fingerprintKey, canonicalPersonalData);
    }
}
