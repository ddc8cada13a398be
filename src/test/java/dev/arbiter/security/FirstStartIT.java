package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterInstances;
import dev.arbiter.ExternalPostgres;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What a first start writes and says; the production profile's refusal without a master key; the rate limit. */
@ExtendWith(OutputCaptureExtension.class)
class FirstStartIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    private ArbiterInstances.Home home() {
        return arbiters.home("first-start");
    }

    @Test
    void aFirstStartWritesOneKeyFilePerRoleAndAMasterKeyReadableByTheOwnerOnlyAndSaysWhere(CapturedOutput output)
            throws Exception {
        ArbiterInstances.Home home = home();
        try (ConfigurableApplicationContext context = arbiters.start(home)) {
            Path keys = home.keysDir();
            for (Role role : Role.values()) {
                Path file = keys.resolve(role.wire() + ".key");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
                assertThat(Files.readString(file))
                        .contains("role=" + role.wire())
                        .contains("environment=sandbox");
                String secret =
                        HexFormat.of().formatHex(Keys.in(keys).role(role.wire()).secret());
                assertThat(output).doesNotContain(secret);
            }
            Path master = keys.resolve("master.key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(master)))
                    .isEqualTo("rw-------");
            assertThat(output).doesNotContain(Files.readString(master).trim());
            assertThat(output)
                    .contains("created a local client for each role")
                    .contains(keys.toAbsolutePath().toString())
                    .contains("No master key configured: generated one into");
            assertThat(Http.to(context, "admin").get("/v1/admin/clients").json().size())
                    .isEqualTo(6);
        }
    }

    @Test
    void theProductionProfileRefusesToStartWithoutAMasterKeySayingSo(CapturedOutput output) throws Exception {
        // an external database, so that the refusal of the embedded one does not come first
        try (ExternalPostgres database = ExternalPostgres.start()) {
            assertThatThrownBy(() -> arbiters.start(
                            arbiters.builder(home(), database.settings()).profiles("production")))
                    .hasRootCauseInstanceOf(MissingMasterKeyException.class);
        }

        assertThat(output)
                .contains("refuses to start in the production profile without a master key")
                .contains("ARBITER_MASTER_KEY");
    }

    @Test
    void theProductionProfileWithAMasterKeyCreatesOnlyAnAdminKeyAndRefusesSandboxKeys() throws Exception {
        String masterKey = Base64.getEncoder().encodeToString(new byte[32]).replace("AAAA", "QkFE");
        String signingKey = Base64.getEncoder().encodeToString(new byte[32]).replace("AAAA", "U0lH");
        ArbiterInstances.Home home = home();
        // production refuses the embedded database and a generated audit key: both are given
        try (ExternalPostgres database = ExternalPostgres.start();
                ConfigurableApplicationContext context = arbiters.start(arbiters.builder(
                                home,
                                java.util.stream.Stream.concat(
                                                java.util.stream.Stream.of(
                                                        "ARBITER_MASTER_KEY=" + masterKey,
                                                        "arbiter.audit.signing-key=" + signingKey),
                                                java.util.Arrays.stream(database.settings()))
                                        .toArray(String[]::new))
                        .profiles("production"))) {
            Path keys = home.keysDir();
            assertThat(Files.exists(keys.resolve("admin.key"))).isTrue();
            assertThat(Files.exists(keys.resolve("originator.key"))).isFalse();
            assertThat(Files.exists(keys.resolve("master.key")))
                    .as("production never writes a master key")
                    .isFalse();
            Http admin = Http.to(context, "admin");
            assertThat(admin.get("/v1/admin/clients").status()).isEqualTo(200);
            String client = admin.post("/v1/admin/clients", java.util.Map.of("name", "lender"))
                    .json()
                    .path("clientId")
                    .asString();
            var sandbox = admin.post(
                            "/v1/admin/clients/" + client + "/keys",
                            java.util.Map.of("role", "originator", "environment", "sandbox"))
                    .json();

            var answer = admin.as(Keys.Key.of(
                            sandbox.path("keyId").asString(),
                            sandbox.path("secret").asString()))
                    .get("/v1/decisions/" + UUID.randomUUID());

            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.code()).isEqualTo("ENVIRONMENT_MISMATCH");
        }
    }

    @Test
    void aClientOverItsRateLimitIsAnswered429WithRetryAfterWhileOthersGoOn() {
        try (ConfigurableApplicationContext context =
                arbiters.start(home(), "arbiter.security.rate-limit=3", "arbiter.security.rate-limit-period=60s")) {
            Http auditor = Http.to(context, "auditor");
            String path = "/v1/decisions/" + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                assertThat(auditor.get(path).status()).isEqualTo(404);
            }

            var limited = auditor.get(path);

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("RATE_LIMITED");
            // the seconds left of the window that the first of the three requests started
            assertThat(limited.headers().firstValue("Retry-After").map(Integer::parseInt))
                    .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1, 60));
            assertThat(limited.json().path("detail").asString()).contains("more than 3 requests");
            assertThat(Http.to(context, "reviewer").get(path).status()).isEqualTo(404);
        }
    }
}
