package dev.arbiter.security;

import dev.arbiter.hashing.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that encrypts every client secret and wraps every personal-data key. Given as 32
 * bytes in base64 ({@code ARBITER_MASTER_KEY}) or in a file ({@code ARBITER_MASTER_KEY_FILE});
 * its bytes never appear in {@link #toString()} or in any log.
 */
public final class MasterKey {

    private final byte[] key;

    private MasterKey(byte[] key) {
        if (key.length != AesGcm.KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the master key must be 32 bytes (base64 of 32 random bytes), got " + key.length + " bytes");
        }
        this.key = key.clone();
    }

    public static MasterKey fromBase64(String base64) {
        try {
            return new MasterKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not valid: " + e.getMessage()
                    + " (expected base64 of 32 random bytes, e.g. from: openssl rand -base64 32)");
        }
    }

    public static MasterKey read(Path file) {
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
    }

    /** Creates a new random master key in {@code file} (mode 600) and returns it. */
    public static MasterKey generate(Path file) {
        byte[] bytes = new byte[AesGcm.KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        KeyFiles.writePrivate(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        return new MasterKey(bytes);
    }

    public byte[] seal(byte[] plaintext, String context) {
        return AesGcm.seal(key, plaintext, context.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] open(byte[] sealed, String context) {
        return AesGcm.open(key, sealed, context.getBytes(StandardCharsets.UTF_8));
    }

    /** A key for one purpose derived from the master key, so no two uses share key material. */
    public byte[] derive(String purpose) {
        return Digests.hmacSha256(key, ("arbiter/" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }

    static final class KeyFiles {
        private KeyFiles() {}

        static void writePrivate(Path file, String content) {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.deleteIfExists(file);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                Files.writeString(file, content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }
}
