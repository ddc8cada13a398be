package dev.arbiter.hashing;

import java.util.Map;
import java.util.TreeMap;

/**
 * How records and links are hashed. A record's hash is taken over the digests of its named
 * parts rather than over the parts themselves, so that a part removed at the end of its
 * retention period can be replaced by its digest and the record still hashes the same.
 *
 * <p>Records carry the layout they were hashed in. Layout 1 (before client, personal data
 * and layout were parts) digests parts with JDK 17 number spelling; layout 2 digests them
 * with RFC 8785 numbers and names its layout among its parts, so a record cannot be passed
 * off as the other layout.
 */
public final class ChainHash {

    /** The previous hash of the first link. */
    public static final String GENESIS = "0".repeat(64);

    /** The layout every new record is hashed in. */
    public static final int LAYOUT = 2;

    private ChainHash() {}

    /** SHA-256 of one part's RFC 8785 canonical form. */
    public static String partDigest(Object part) {
        return CanonicalJson.sha256(part);
    }

    /** SHA-256 of one part as a record of {@code layout} digests it. */
    public static String partDigest(int layout, Object part) {
        return layout == 1 ? CanonicalJson.sha256Layout1(part) : CanonicalJson.sha256(part);
    }

    /**
     * @param layout         the layout the record was hashed in (1 or 2)
     * @param kind           what the record is ({@code DECISION}, {@code EVENT})
     * @param parts          the record's parts by name, as plain JSON values
     * @param removedDigests digests that stand for parts whose content was removed
     */
    public static String recordHash(
            int layout, String kind, Map<String, Object> parts, Map<String, String> removedDigests) {
        Map<String, Object> digests = new TreeMap<>();
        parts.forEach((name, value) -> digests.put(name, partDigest(layout, value)));
        removedDigests.forEach(digests::put);
        if (layout != 1) {
            digests.put("layout", layout);
        }
        return CanonicalJson.sha256(Map.of("kind", kind, "parts", digests));
    }

    public static String linkHash(String previousHash, String recordHash) {
        return CanonicalJson.sha256(Map.of("previous", previousHash, "record", recordHash));
    }
}
