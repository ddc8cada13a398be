package dev.arbiter.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the machine's CPU goes during a load phase: the CPU time the load tool itself, the
 * Arbiter JVM and the PostgreSQL server (its postmaster and every backend) each used, and the
 * busy time of the whole machine from {@code /proc/stat}, divided by the requests the phase
 * sent. On a machine the three share, this tells what a request costs each of them, and so
 * what bounds the rate: with 2 cores, 2,000 ms of CPU a second are all there is.
 *
 * <p>The Arbiter process is {@code ARBITER_PID}; PostgreSQL is the {@code postgres} process whose
 * arguments name {@code ARBITER_PG_DATA} (the data directory) and its descendants. Without
 * those variables only the load tool and the machine are counted. Linux only.
 */
final class CpuAccount {

    private final Optional<ProcessHandle> arbiter;
    private final String pgData;

    private CpuAccount(Optional<ProcessHandle> arbiter, String pgData) {
        this.arbiter = arbiter;
        this.pgData = pgData;
    }

    static CpuAccount fromEnvironment() {
        String pid = System.getenv("ARBITER_PID");
        return new CpuAccount(
                pid == null || pid.isBlank() ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid.trim())),
                System.getenv("ARBITER_PG_DATA"));
    }

    /** CPU times in ms at one moment: load tool, Arbiter, PostgreSQL, machine busy, machine total. */
    record Snapshot(long load, long arbiter, long postgres, long busy, long total) {}

    Snapshot snapshot() {
        long[] machine = machine();
        return new Snapshot(
                cpu(ProcessHandle.current()),
                arbiter.map(CpuAccount::cpu).orElse(-1L),
                postgres(),
                machine[0],
                machine[1]);
    }

    String between(Snapshot a, Snapshot b, int requests) {
        double n = Math.max(1, requests);
        StringBuilder line = new StringBuilder("  CPU per request (ms):");
        line.append(" load tool %.3f".formatted((b.load() - a.load()) / n));
        if (a.arbiter() >= 0) {
            line.append(", Arbiter %.3f".formatted((b.arbiter() - a.arbiter()) / n));
        }
        if (a.postgres() >= 0) {
            line.append(", PostgreSQL %.3f".formatted((b.postgres() - a.postgres()) / n));
        }
        line.append(", machine busy %.3f".formatted((b.busy() - a.busy()) / n));
        line.append(" (machine %.0f %% busy over the phase)"
                .formatted(100.0 * (b.busy() - a.busy()) / Math.max(1, b.total() - a.total())));
        return line.toString();
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private long postgres() {
        if (pgData == null || pgData.isBlank()) {
            return -1;
        }
        String dir = Path.of(pgData).toAbsolutePath().normalize().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> Stream.of(args).anyMatch(arg -> arg.contains(dir)))
                        .orElse(false))
                .findFirst()
                .map(master -> cpu(master)
                        + master.descendants().mapToLong(CpuAccount::cpu).sum())
                .orElse(-1L);
    }

    /** Busy and total jiffies of all CPUs from /proc/stat, in ms (USER_HZ is 100 on Linux). */
    private static long[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {(total - idle) * 10, total * 10};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
