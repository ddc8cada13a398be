package dev.arbiter.storage;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.ArbiterInstances;
import dev.arbiter.ExternalPostgres;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Backups that restore: a {@code pg_dump} taken with {@code scripts/backup.sh} and restored with
 * {@code pg_restore} into a fresh server, and a copy of a stopped embedded installation's folder,
 * each started again: every decision is there and the chain verifies.
 */
class BackupRestoreIT {

    /** The major version of the PostgreSQL binaries the tests run (io.zonky's default bundle). */
    private static final int SERVER_MAJOR = 14;

    private static final int DECISIONS = 20;

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    /**
     * The embedded server's bundle has no {@code pg_dump}, so this test needs the client tools on
     * the machine (Debian: {@code postgresql-client}), of the server's major version or newer (a
     * newer {@code pg_dump} reads an older server; an older one refuses). Without them it is
     * skipped, saying why.
     */
    @Test
    void aPgDumpRestoredIntoAFreshServerServesEveryDecisionAndVerifies() throws Exception {
        Optional<Path> bin = clientTools();
        assumeTrue(
                bin.isPresent(),
                "no pg_dump and pg_restore of major version >= " + SERVER_MAJOR
                        + " on PATH or in /usr/lib/postgresql/*/bin");
        ArbiterInstances.Home home = arbiters.home("backup");
        Path dump = home.dir().resolve("arbiter.dump").toAbsolutePath();
        List<String> decided;
        try (ExternalPostgres source = ExternalPostgres.start()) {
            try (ConfigurableApplicationContext arbiter = arbiters.start(home, settings(source, home))) {
                decided = decide(Http.to(arbiter, "originator"));
                // taken while Arbiter runs: pg_dump reads one consistent snapshot
                run(
                        bin.get(),
                        Map.of(
                                "PGHOST", "127.0.0.1",
                                "PGPORT", Integer.toString(source.port()),
                                "PGDATABASE", "arbiter",
                                "PGUSER", "arbiter_owner",
                                "PGPASSWORD", "owner-secret"),
                        Path.of("scripts/backup.sh").toAbsolutePath().toString(),
                        dump.toString());
            }
        }
        assertThat(Files.size(dump)).isPositive();

        try (ExternalPostgres fresh = ExternalPostgres.start()) {
            // the database and roles exist as README's "Database roles" has a DBA create them; the dump fills it
            run(
                    bin.get(),
                    Map.of("PGPASSWORD", "owner-secret"),
                    bin.get().resolve("pg_restore").toString(),
                    "--exit-on-error",
                    "--single-transaction",
                    "--no-password",
                    "--host=127.0.0.1",
                    "--port=" + fresh.port(),
                    "--username=arbiter_owner",
                    "--dbname=arbiter",
                    dump.toString());
            try (ConfigurableApplicationContext restored = arbiters.start(home, settings(fresh, home))) {
                assertEveryDecisionServedAndChainIntact(restored, decided);
            }
        }
    }

    /**
     * The embedded installation of one machine (its data directory, the keys folder with the
     * master key and the database's credentials, the audit folder) copied while Arbiter is
     * stopped, and started from the copy somewhere else.
     */
    @Test
    void aCopyOfAStoppedInstallationStartsElsewhereWithEveryDecisionAndVerifies() throws Exception {
        ArbiterInstances.Home home = arbiters.home("cold-backup");
        List<String> decided;
        try (ConfigurableApplicationContext arbiter = arbiters.start(home)) {
            decided = decide(Http.to(arbiter, "originator"));
        }
        ArbiterInstances.Home copy = arbiters.home("cold-restore");
        copyWithPermissions(home.dir(), copy.dir());
        FileSystemUtils.deleteRecursively(home.dir());
        try (ConfigurableApplicationContext restored = arbiters.start(copy)) {
            assertEveryDecisionServedAndChainIntact(restored, decided);
        }
    }

    /**
     * As {@code cp -a} or {@code tar} copies: with each file's and folder's permissions, which
     * PostgreSQL checks (a data directory must be 0700 or 0750) as do the key files (0600).
     */
    private static void copyWithPermissions(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Files.copy(source, to.resolve(from.relativize(source)), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static List<String> decide(Http originator) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < DECISIONS; i++) {
            Http.Answer answer =
                    originator.post("/v1/decisions", steadyEmployedRenter("backup-" + i + "-" + UUID.randomUUID()));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            ids.add(answer.json().path("decisionId").asString());
        }
        return ids;
    }

    private static void assertEveryDecisionServedAndChainIntact(
            ConfigurableApplicationContext arbiter, List<String> ids) {
        Http auditor = Http.to(arbiter, "auditor");
        for (String id : ids) {
            assertThat(auditor.get("/v1/decisions/" + id).status()).as(id).isEqualTo(200);
        }
        assertThat(OwnerJdbc.of(arbiter)
                        .sql("select count(*) from decision")
                        .query(Long.class)
                        .single())
                .isEqualTo(ids.size());
        Http.Answer verified = auditor.get("/v1/audit/verify");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("intact").asBoolean())
                .as(verified.body())
                .isTrue();
        assertThat(verified.json().path("linksChecked").asLong())
                .as(verified.body())
                .isGreaterThanOrEqualTo(ids.size());
        // a decision taken after the restore extends the restored chain
        Http.Answer after = Http.to(arbiter, "originator")
                .post("/v1/decisions", steadyEmployedRenter("after-restore-" + UUID.randomUUID()));
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        assertThat(auditor.get("/v1/audit/verify").json().path("intact").asBoolean())
                .isTrue();
    }

    private static String[] settings(ExternalPostgres db, ArbiterInstances.Home home) {
        List<String> settings = new ArrayList<>(List.of(db.settings()));
        settings.add("arbiter.audit.checkpoint-file=" + home.dir().resolve("checkpoints.jsonl"));
        settings.add("arbiter.audit.signing-key-file=" + home.dir().resolve("signing.key"));
        return settings.toArray(String[]::new);
    }

    /** A folder holding pg_dump and pg_restore of a major version this server's dumps need. */
    private static Optional<Path> clientTools() throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin")).sorted().forEach(candidates::add);
            }
        }
        for (Path dir : candidates) {
            Path pgDump = dir.resolve("pg_dump");
            if (Files.isExecutable(pgDump) && Files.isExecutable(dir.resolve("pg_restore"))) {
                Process version = new ProcessBuilder(pgDump.toString(), "--version")
                        .redirectErrorStream(true)
                        .start();
                String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                version.waitFor(10, TimeUnit.SECONDS);
                Matcher major = Pattern.compile("(\\d+)(\\.\\d+)?").matcher(text);
                if (major.find() && Integer.parseInt(major.group(1)) >= SERVER_MAJOR) {
                    return Optional.of(dir);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(Path bin, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        // scripts/backup.sh calls pg_dump and pg_restore by name: the ones found first
        builder.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(String.join(" ", command) + ":\n" + output);
        assertThat(process.exitValue()).as(output).isZero();
    }
}
