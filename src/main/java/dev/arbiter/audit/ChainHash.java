package dev.arbiter.audit;

import dev.arbiter.hashing.CanonicalJson;
import java.util.Map;
import java.util.TreeMap;

/**
 * How records and links are hashed. A record's hash is taken over the digests of its named
 * parts rather than over the parts themselves, so that a part removed at the end of its
 * retention period can be replaced by its digest and the record still hashes the same.
 */
public final class ChainHash {

    /** The previous hash of the first link. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    /** SHA-256 of one part's RFC 8785 canonical form. */
    public static String partDigest(Object part) {
        return CanonicalJson.sha256(part);
    }

    /**
     * @param kind          what the record is ({@code DECISION}, {@code EVENT})
     * @param parts         the record's parts by name, as plain JSON values
     * @param removedDigests digests that stand for parts whose content was removed
     */
    public static String recordHash(String kind, Map<String, Object> parts, Map<String, String> removedDigests) {
        Map<String, Object> digests = new TreeMap<>();
        parts.forEach((name, value) -> digests.put(name, partDigest(value)));
        removedDigests.forEach(digests::put);
        return CanonicalJson.sha256(Map.of("kind", kind, "parts", digests));
    }

    public static String linkHash(String previousHash, String recordHash) {
        return CanonicalJson.sha256(Map.of("previous", previousHash, "record", recordHash));
    }
}
