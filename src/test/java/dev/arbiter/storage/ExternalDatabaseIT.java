package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterApplication;
import dev.arbiter.ExternalPostgres;
import dev.arbiter.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * An external PostgreSQL set up with the roles README describes: Arbiter migrates as the owner,
 * works as the application login, cannot delete decisions, and reconnects by itself when the
 * server restarts.
 */
class ExternalDatabaseIT {

    @Test
    void arbiterMigratesAsTheOwnerWorksAsTheAppRoleAndReconnectsAfterTheServerRestarts() throws Exception {
        Path dir = Path.of("target/it-postgres/external-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres external = start(dir, port);
        try {
            ExternalPostgres.createRolesAsDocumented(external);
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/arbiter";
            try (var context = new SpringApplicationBuilder(ArbiterApplication.class)
                    .properties(
                            "server.port=0",
                            "arbiter.db.url=" + url,
                            "arbiter.db.username=arbiter",
                            "arbiter.db.password=app-secret",
                            "arbiter.db.owner-username=arbiter_owner",
                            "arbiter.db.owner-password=owner-secret",
                            "arbiter.security.keys-dir=target/it-keys/external-" + UUID.randomUUID(),
                            // the audit files would otherwise go to ./data/audit, a developer's own
                            "arbiter.audit.signing-key-file=" + dir + "-audit/signing-ed25519.key",
                            "arbiter.audit.checkpoint-file=" + dir + "-audit/checkpoints.jsonl")
                    .run()) {
                Http http = Http.to(context, "originator");
                assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("ext-1"))
                                .status())
                        .isEqualTo(201);
                try (Connection app = DriverManager.getConnection(url, "arbiter", "app-secret");
                        Statement s = app.createStatement()) {
                    assertThat(s.executeQuery("select count(*) from decision where application_id = 'ext-1'")
                                    .next())
                            .isTrue();
                    assertThatThrownBy(() -> s.execute("delete from decision"))
                            .isInstanceOfSatisfying(
                                    SQLException.class,
                                    e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                }

                external.close();
                var down = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("ext-2"));
                assertThat(down.status()).isEqualTo(503);

                external = start(dir, port);
                long restarted = System.nanoTime();
                Http.Answer answer = down;
                for (int i = 0;
                        answer.status() != 201
                                && System.nanoTime() - restarted
                                        < Duration.ofSeconds(30).toNanos();
                        i++) {
                    Thread.sleep(200);
                    answer = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("ext-3-" + i));
                }
                System.out.printf(
                        "external server restarted: decisions again after %d ms%n",
                        (System.nanoTime() - restarted) / 1_000_000);
                assertThat(answer.status()).isEqualTo(201);
            }
        } finally {
            external.close();
        }
    }

    private static EmbeddedPostgres start(Path dir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }
}
