package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.hashing.Digests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @TempDir
    Path dir;

    private static final byte[] MESSAGE = "head".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureVerifiesUnderThePublicKeyAndNotForAnotherMessage() {
        SigningKey key = SigningKey.generate(new SecureRandom());
        String signature = key.sign(MESSAGE);

        assertThat(SigningKey.verify(key.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(SigningKey.verify(key.publicKey(), "other".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(SigningKey.verify(key.publicKey(), MESSAGE, "not base64!")).isFalse();
    }

    @Test
    void theKeyIsCreatedOnceReadableByItsOwnerOnlyAndReadBackTheSame() throws Exception {
        Path file = dir.resolve("audit/signing.key");

        SigningKey first = SigningKey.loadOrCreate(file, new SecureRandom());
        SigningKey again = SigningKey.loadOrCreate(file, new SecureRandom());

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SigningKey.verify(first.publicKey(), MESSAGE, again.sign(MESSAGE)))
                .isTrue();
    }

    @Test
    void theKeyIdIsTheStartOfTheHashOfThePublicKey() {
        SigningKey key = SigningKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

        assertThat(key.keyId()).isEqualTo(Digests.sha256Hex(key.publicKey()).substring(0, 16));
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> SigningKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }
}
