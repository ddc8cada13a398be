package dev.arbiter.storage;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster left running on Arbiter's data directory by a Java process that died without
 * stopping it ({@code kill -9}, OOM killer). It holds {@code postmaster.pid}, so nothing can
 * start on the directory until it is gone. Stopped only when all of these hold: the pid file's
 * process is alive, is a {@code postgres} whose command line names this very data directory,
 * the pid file names this directory too, and no live process holds the embedded library's
 * {@code epg-lock} on it (a running Arbiter does: its postmaster is no orphan).
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration POLITE = Duration.ofSeconds(15);
    private static final Duration FORCED = Duration.ofSeconds(10);

    private OrphanedPostmaster() {}

    /** Stops the orphan of this data directory if there is one; returns whether there was. */
    static boolean stopIfAny(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        Optional<ProcessHandle> orphan = find(dir);
        if (orphan.isEmpty()) {
            return false;
        }
        ProcessHandle postmaster = orphan.get();
        if (heldByAnotherProcess(dir.resolve("epg-lock"))) {
            throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") on " + dir
                    + " belongs to a running process: is another Arbiter using this data directory?");
        }
        log.warn(
                "PostgreSQL (pid {}) from an earlier run that ended without stopping it still runs on {}: stopping it",
                postmaster.pid(),
                dir);
        // SIGTERM is a smart shutdown: the orphan's clients died with their process, so it checkpoints and exits
        postmaster.destroy();
        if (await(postmaster, POLITE)) {
            return true;
        }
        log.warn(
                "PostgreSQL (pid {}) did not stop within {}: killing it; it recovers from its WAL at the next start",
                postmaster.pid(),
                POLITE);
        List<ProcessHandle> children = postmaster.children().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (!await(postmaster, FORCED)) {
            throw new IllegalStateException("cannot stop PostgreSQL (pid " + postmaster.pid() + ") on " + dir);
        }
        return true;
    }

    static Optional<ProcessHandle> find(Path dir) {
        Path pidFile = dir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !sameDirectory(Path.of(lines.get(1).trim()), dir)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isPostgresOn(p, dir));
        } catch (IOException | NumberFormatException e) {
            log.debug("unreadable {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    private static boolean isPostgresOn(ProcessHandle process, Path dir) {
        List<String> args = commandLine(process.pid());
        if (args.isEmpty() || !Path.of(args.get(0)).getFileName().toString().equals("postgres")) {
            return false;
        }
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-D")) {
                return sameDirectory(Path.of(args.get(i + 1)), dir);
            }
        }
        return false;
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static boolean heldByAnotherProcess(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileOutputStream out = new FileOutputStream(lockFile.toFile(), true);
                FileLock lock = out.getChannel().tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException thisProcess) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean await(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !process.isAlive();
    }
}
