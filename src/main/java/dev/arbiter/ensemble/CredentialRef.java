package dev.arbiter.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a secret lives, never the secret: {@code env:NAME} (an environment variable) or
 * {@code file:path} (a file, relative to the engine directory unless absolute).
 */
public record CredentialRef(Kind kind, String name) {

    public enum Kind {
        ENV,
        FILE
    }

    static Optional<CredentialRef> parse(String reference) {
        if (reference == null) {
            return Optional.empty();
        }
        if (reference.startsWith("env:") && reference.length() > 4) {
            return Optional.of(new CredentialRef(Kind.ENV, reference.substring(4)));
        }
        if (reference.startsWith("file:") && reference.length() > 5) {
            return Optional.of(new CredentialRef(Kind.FILE, reference.substring(5)));
        }
        return Optional.empty();
    }

    /** Reads the secret; fails naming the reference (not the value) when it cannot be found. */
    public String resolve(Function<String, String> environment, Path engineDir) {
        if (kind == Kind.ENV) {
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("credential " + this + ": environment variable is not set");
            }
            return value;
        }
        Path file = engineDir.resolve(name);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("credential " + this + ": cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + name;
    }
}
