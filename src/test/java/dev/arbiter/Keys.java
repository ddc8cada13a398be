package dev.arbiter;

import dev.arbiter.security.SecurityProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.springframework.context.ApplicationContext;

/**
 * The local keys of a running Arbiter, read the way a person reads them: from the key files its
 * first start wrote into {@code arbiter.security.keys-dir} (one {@code <role>.key} per role).
 */
public final class Keys {

    /** A key id and its secret (32 bytes, written as 64 hex characters in the file). */
    public record Key(String keyId, byte[] secret) {
        public static Key of(String keyId, String hexSecret) {
            return new Key(keyId, HexFormat.of().parseHex(hexSecret));
        }
    }

    private final Path dir;

    private Keys(Path dir) {
        this.dir = dir;
    }

    public static Keys of(ApplicationContext context) {
        return in(context.getBean(SecurityProperties.class).keysDir());
    }

    public static Keys in(Path dir) {
        return new Keys(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String role) {
        return dir.resolve(role + ".key");
    }

    public Key role(String role) {
        try {
            String keyId = null;
            String secret = null;
            for (String line : Files.readAllLines(file(role))) {
                if (line.startsWith("key_id=")) {
                    keyId = line.substring("key_id=".length());
                } else if (line.startsWith("secret=")) {
                    secret = line.substring("secret=".length());
                }
            }
            return Key.of(keyId, secret);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
