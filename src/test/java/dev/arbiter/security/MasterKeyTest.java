package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.personaldata.PersonalDataCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    private static final String KEY =
            Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');

    @Test
    void aSealedSecretOpensOnlyUnderTheSameKeyAndContext() {
        MasterKey master = MasterKey.fromBase64(KEY);
        byte[] sealed = master.seal("secret".getBytes(StandardCharsets.UTF_8), "client-key:k-1");

        assertThat(new String(master.open(sealed, "client-key:k-1"), StandardCharsets.UTF_8))
                .isEqualTo("secret");
        assertThatThrownBy(() -> master.open(sealed, "client-key:k-2")).isInstanceOf(AesGcm.SealBrokenException.class);
        MasterKey other = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> other.open(sealed, "client-key:k-1")).isInstanceOf(AesGcm.SealBrokenException.class);
    }

    @Test
    void aTamperedCiphertextDoesNotOpen() {
        MasterKey master = MasterKey.fromBase64(KEY);
        byte[] sealed = master.seal(new byte[] {1, 2, 3}, "x");
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> master.open(sealed, "x")).isInstanceOf(AesGcm.SealBrokenException.class);
    }

    @Test
    void theKeyNeverShowsInItsTextForm() {
        assertThat(MasterKey.fromBase64(KEY).toString()).doesNotContain(KEY).contains("redacted");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedSayingWhatIsExpected() {
        assertThatThrownBy(() -> MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> MasterKey.fromBase64("not base64!")).hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aGeneratedKeyIsWrittenReadableByItsOwnerOnlyAndReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/master.key");
        MasterKey generated = MasterKey.generate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        byte[] sealed = generated.seal(new byte[] {7}, "c");
        assertThat(MasterKey.read(file).open(sealed, "c")).containsExactly(7);
    }

    @Test
    void personalDataIsSealedPerRecordAndItsNationalIdHashIgnoresFormatting() {
        var cipher = new PersonalDataCipher(MasterKey.fromBase64(KEY));
        UUID id = UUID.randomUUID();
        var sealed = cipher.seal(id, "Jane".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(cipher.open(id, sealed), StandardCharsets.UTF_8)).isEqualTo("Jane");
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(AesGcm.SealBrokenException.class);
        assertThat(cipher.nationalIdHash("ab 12-34.56"))
                .isEqualTo(cipher.nationalIdHash("AB123456"))
                .matches("[0-9a-f]{64}")
                .doesNotContain("123456");
        assertThat(new PersonalDataCipher(
                                MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32])))
                        .nationalIdHash("AB123456"))
                .isNotEqualTo(cipher.nationalIdHash("AB123456"));
    }
}
