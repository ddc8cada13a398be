package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.security.ProductionRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class AuditProductionGuardTest {

    @TempDir
    Path dir;

    private static AuditProperties keyFile(Path file) {
        return new AuditProperties(
                null,
                file,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                100,
                null,
                Duration.ofSeconds(60),
                new AuditProperties.Retention(null, Period.ofYears(7), Duration.ofHours(24)));
    }

    private ArbiterProperties arbiter() {
        return new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(
                                java.util.Map.of(
                                        "arbiter.db.data-dir",
                                        dir.resolve("data/postgres").toString())))
                .bindOrCreate("arbiter", ArbiterProperties.class);
    }

    private static MockEnvironment production() {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles("production");
        return env;
    }

    @Test
    void anUnsetSigningKeyIsRefusedInsteadOfGenerated() {
        assertThatThrownBy(() -> new AuditConfiguration().auditSigningKey(keyFile(null), arbiter(), production()))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("no audit signing key is set");
        assertThatCode(() -> new AuditConfiguration().auditSigningKey(keyFile(null), arbiter(), new MockEnvironment()))
                .as("outside production one is generated")
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingOrWorldReadableSigningKeyFileIsRefused() throws IOException {
        Path file = dir.resolve("signing.key");
        assertThatThrownBy(() -> new AuditConfiguration().auditSigningKey(keyFile(file), arbiter(), production()))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("does not exist");

        SigningKey.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new AuditConfiguration().auditSigningKey(keyFile(file), arbiter(), production()))
                .isInstanceOf(ProductionRefusedException.class)
                .hasMessageContaining("readable by every user");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatCode(() -> new AuditConfiguration().auditSigningKey(keyFile(file), arbiter(), production()))
                .doesNotThrowAnyException();
    }
}
