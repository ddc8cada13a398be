package dev.arbiter.audit;

import dev.arbiter.hashing.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A signed statement that the chain's link at {@code position} had hash {@code headHash}.
 *
 * @param id the database id; negative for a checkpoint a witness holds outside the database
 *           (minus its place in the witness's list)
 */
public record Checkpoint(long id, long position, String headHash, Instant signedAt, String keyId, String signature) {

    /** The bytes that are signed: the canonical form of position, head hash, time and key id. */
    public static byte[] message(long position, String headHash, Instant signedAt, String keyId) {
        return CanonicalJson.write(Map.of(
                        "position", position, "headHash", headHash, "signedAt", signedAt.toString(), "keyId", keyId))
                .getBytes(StandardCharsets.UTF_8);
    }

    public byte[] message() {
        return message(position, headHash, signedAt, keyId);
    }

    /** How a finding names this checkpoint. */
    public String describe() {
        return id > 0 ? "checkpoint " + id : "witnessed checkpoint " + (-id) + " (held outside the database)";
    }
}
