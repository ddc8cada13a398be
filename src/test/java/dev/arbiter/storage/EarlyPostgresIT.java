package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ArbiterInstances;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded PostgreSQL starts while Arbiter's context is built (EarlyPostgres): the server the
 * application then uses is that one, and an application that fails before it took the server
 * leaves none running.
 */
class EarlyPostgresIT {

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    @Test
    void aStartThatFailsBeforeTheDatabaseIsNeededLeavesNoServerRunning() {
        ArbiterInstances.Home home = arbiters.home("early-failed");

        // the web server's port does not bind: the context fails while it builds the web server,
        // before any bean asks for the database
        assertThatThrownBy(() -> arbiters.start(home, "server.port=not-a-port")).hasStackTraceContaining("server.port");

        // a server still starting would write its postmaster.pid later: first the start must be over
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().equals("arbiter-postgres-start")));
        Path data = home.dataDir().toAbsolutePath();
        // the server had started (initdb made the cluster) and was stopped again
        assertThat(data.resolve("PG_VERSION")).exists();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void aDataDirectoryWithARandomPartIsStartedOnceAndUsed() throws IOException {
        // ${random.uuid} resolves anew each time it is read: the early start and the context must
        // agree on one directory, or a second cluster would be made and the first left behind
        String prefix = "early-random-" + UUID.randomUUID();
        ArbiterInstances.Home home = arbiters.home("early-random");
        Path parent = Path.of("target/it-postgres");

        var context = arbiters.start(
                arbiters.builder(home, "arbiter.db.data-dir=" + parent + "/" + prefix + "-${random.uuid}"));

        List<Path> clusters;
        try (Stream<Path> all = Files.list(parent)) {
            clusters = all.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
        }
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).resolve("postmaster.pid")).exists();
        PostgresServer server = context.getBean(PostgresServer.class);
        assertThat(server.isEmbedded()).isTrue();
        assertThat(Files.readAllLines(clusters.get(0).resolve("postmaster.pid")).get(0))
                .isEqualTo(Long.toString(server.postmasterPid()));
    }
}
