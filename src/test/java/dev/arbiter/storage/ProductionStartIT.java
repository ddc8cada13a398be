package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.security.ProductionRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The production profile, started for real with every secret set but no database URL, stops
 * before PostgreSQL is started or a port opened, and says why and what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartIT {

    @TempDir
    Path dir;

    @Test
    void productionWithoutADatabaseUrlStopsWithAReportAndStartsNoEmbeddedServer(CapturedOutput output) {
        Path dataDir = dir.resolve("postgres");
        SecureRandom random = new SecureRandom();
        byte[] master = new byte[32];
        byte[] seed = new byte[32];
        random.nextBytes(master);
        random.nextBytes(seed);

        assertThatThrownBy(() -> new SpringApplicationBuilder(ArbiterApplication.class)
                        .profiles("production")
                        .properties(
                                "server.port=0",
                                "arbiter.db.data-dir=" + dataDir,
                                "arbiter.security.keys-dir=" + dir.resolve("keys"),
                                "ARBITER_MASTER_KEY=" + Base64.getEncoder().encodeToString(master),
                                "arbiter.audit.signing-key="
                                        + Base64.getEncoder().encodeToString(seed))
                        .run()
                        .close())
                .hasRootCauseInstanceOf(ProductionRefusedException.class);

        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Arbiter refuses to start in the production profile: no ARBITER_DB_URL")
                .contains("Set ARBITER_DB_URL");
        assertThat(Files.exists(dataDir))
                .as("no embedded data directory was created")
                .isFalse();
    }
}
