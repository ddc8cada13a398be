package dev.arbiter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After {@code kill -9} of the Java process, its embedded PostgreSQL keeps running and holds the
 * data directory: the next start stops that orphan and starts at once. Postmasters of other
 * data directories, and the one this process runs, are never touched.
 */
class OrphanedPostmasterIT {

    private static Path dir(String name) {
        return Path.of("target/it-postgres/" + name + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    @Test
    void aPostmasterOrphanedByAKilledJavaProcessIsStoppedAndTheNextStartWorksAtOnce() throws Exception {
        Path data = dir("orphan");
        Path keys = data.resolveSibling(data.getFileName() + "-keys");
        Path output = data.resolveSibling(data.getFileName() + ".out");
        Files.createDirectories(data.getParent());
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EmbeddedServerProcess.class.getName(),
                        data.toString(),
                        keys.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long orphan;
        try {
            orphan = awaitReady(output, child);
        } finally {
            child.destroyForcibly(); // kill -9 of the Java process alone
        }
        child.waitFor();
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("the orphan outlives its Java process")
                .contains(true);

        long started = System.nanoTime();
        try (PostgresServer server = PostgresServer.embedded(data, 0, keys)) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("first start after the kill: %d ms (orphan pid %d stopped)%n", ms, orphan);

            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(server.postmasterPid()).isNotEqualTo(orphan);
            assertThat(ms).isLessThan(20_000);
            assertThat(JdbcClient.create(server.dataSource(server.owner()))
                            .sql("select note from probe")
                            .query(String.class)
                            .list())
                    .containsExactly("stored before the kill");
        }
    }

    @Test
    void aPostmasterOfAnotherDataDirectoryIsNeverStopped() throws Exception {
        Path other = dir("other");
        try (PostgresServer running = PostgresServer.embedded(other, 0)) {
            long pid = running.postmasterPid();
            Path mine = dir("mine");
            Files.createDirectories(mine);
            List<String> pidFile = Files.readAllLines(other.resolve("postmaster.pid"), StandardCharsets.UTF_8);

            // a copied pid file still names the other directory
            Files.write(mine.resolve("postmaster.pid"), pidFile, StandardCharsets.UTF_8);
            assertThat(OrphanedPostmaster.stopIfAny(mine)).isFalse();

            // a pid file that claims this directory, for a postmaster started on another one
            List<String> lying = new ArrayList<>(pidFile);
            lying.set(1, mine.toString());
            Files.write(mine.resolve("postmaster.pid"), lying, StandardCharsets.UTF_8);
            assertThat(OrphanedPostmaster.stopIfAny(mine)).isFalse();

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
    }

    @Test
    void aPostmasterThatARunningProcessHoldsIsNoOrphan() throws Exception {
        Path data = dir("held");
        try (PostgresServer running = PostgresServer.embedded(data, 0)) {
            assertThatThrownBy(() -> OrphanedPostmaster.stopIfAny(data)).hasMessageContaining("another Arbiter");
            assertThat(ProcessHandle.of(running.postmasterPid()).map(ProcessHandle::isAlive))
                    .contains(true);
        }
    }

    private static long awaitReady(Path output, Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(output)) {
                for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                    if (line.startsWith("READY ")) {
                        return Long.parseLong(line.substring(6).trim());
                    }
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child ended: " + Files.readString(output));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the child never started PostgreSQL: " + Files.readString(output));
    }
}
