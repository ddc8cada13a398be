package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class ProductionGuardsTest {

    @TempDir
    Path dir;

    private final SecurityConfiguration configuration = new SecurityConfiguration();

    private SecurityProperties properties(KeyEnvironment environment) {
        return new SecurityProperties(
                dir.resolve("keys"),
                Duration.ofMinutes(5),
                environment,
                100,
                Duration.ofSeconds(1),
                20,
                200,
                Duration.ofMinutes(1),
                Duration.ofSeconds(2));
    }

    private static MockEnvironment production() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("production");
        return env;
    }

    @Test
    void theMasterKeyALocalStartGeneratedIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("keys"));
        Path generated = dir.resolve("keys/master.key");
        MasterKey.generate(generated);

        assertThatThrownBy(() -> configuration.masterKey(
                        production().withProperty("ARBITER_MASTER_KEY_FILE", generated.toString()), properties(null)))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("the one a local start generates");
    }

    @Test
    void aWorldReadableMasterKeyFileIsRefusedAndAPrivateOneAccepted() throws IOException {
        Path file = dir.resolve("master.key");
        MasterKey.generate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        var env = production().withProperty("ARBITER_MASTER_KEY_FILE", file.toString());

        assertThatThrownBy(() -> configuration.masterKey(env, properties(null)))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("readable by every user")
                .satisfies(e ->
                        assertThat(((ProductionRefusedException) e).action()).contains("chmod 600"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatCode(() -> configuration.masterKey(env, properties(null))).doesNotThrowAnyException();
    }

    @Test
    void aWorldReadableKeyFileIsFineOutsideProduction() throws IOException {
        Path file = dir.resolve("master.key");
        MasterKey.generate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatCode(() -> configuration.masterKey(
                        new MockEnvironment().withProperty("ARBITER_MASTER_KEY_FILE", file.toString()),
                        properties(null)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptingSandboxKeysIsRefused() {
        assertThatThrownBy(() -> configuration.requestVerifier(
                        null, null, null, properties(KeyEnvironment.SANDBOX), production()))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("sandbox");
    }

    @Test
    void theFailureReportSaysWhatWasRefusedAndWhatToSet() {
        var refused = new ProductionRefusedException("no ARBITER_DB_URL", "Set ARBITER_DB_URL.");
        var analysis = new ProductionStartupFailure().analyze(new IllegalStateException("bean failed", refused));

        assertThat(analysis.getDescription())
                .isEqualTo("Arbiter refuses to start in the production profile: no ARBITER_DB_URL.");
        assertThat(analysis.getAction()).isEqualTo("Set ARBITER_DB_URL.");
    }
}
