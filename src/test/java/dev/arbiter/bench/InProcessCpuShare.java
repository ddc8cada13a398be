package dev.arbiter.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The in-process ratio of {@link InProcessDecisionBenchmark} (a whole decision against the
 * rules alone) measured in the benchmarking thread's own CPU time rather than in wall-clock
 * throughput, with the two (and the ensemble) taking turns in short rounds in one JVM: on a
 * machine that other work keeps busy, JMH's runs of one benchmark after another each meet a
 * different load, while CPU time per operation, taken in alternating rounds, barely moves
 * with it. Also prints the bytes each operation allocates (the thread's allocation counter).
 *
 * <pre>
 * mvn -B -q test-compile
 * mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
 * java -Xms1g -Xmx1g -cp "target/test-classes:target/classes:$(cat target/classpath.txt)" \
 *     dev.arbiter.bench.InProcessCpuShare [warm-up seconds, 30] [rounds, 40] [operations per round, 2000]
 * </pre>
 */
public final class InProcessCpuShare {

    private InProcessCpuShare() {}

    public static void main(String[] args) {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int perRound = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;

        InProcessDecisionBenchmark.Engine engine = new InProcessDecisionBenchmark.Engine();
        engine.start();
        try {
            int size = engine.applications.size();
            IntFunction<Object> rules = i ->
                    engine.rules.evaluate(engine.applications.get(i), engine.features.get(i), engine.scores.get(i));
            IntFunction<Object> ensemble =
                    i -> engine.ensemble.assess(engine.applications.get(i), engine.features.get(i));
            IntFunction<Object> decision = i -> engine.service.evaluate(engine.applications.get(i));
            String[] names = {"rules", "ensemble", "decision"};
            @SuppressWarnings("unchecked")
            IntFunction<Object>[] operations = new IntFunction[] {rules, ensemble, decision};

            long warmUntil = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmUntil) {
                for (IntFunction<Object> op : operations) {
                    run(op, perRound, size);
                }
            }
            double[][] cpu = new double[operations.length][rounds];
            double[][] bytes = new double[operations.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int o = 0; o < operations.length; o++) {
                    long[] used = run(operations[o], perRound, size);
                    cpu[o][r] = used[0] / 1_000.0 / perRound;
                    bytes[o][r] = (double) used[1] / perRound;
                }
            }
            System.out.printf(
                    "%n%d rounds of %d operations each, taking turns, after %d s of warm-up; medians per operation%n",
                    rounds, perRound, warmupSeconds);
            System.out.printf("%-10s %14s %16s%n", "", "CPU us/op", "allocated B/op");
            for (int o = 0; o < operations.length; o++) {
                System.out.printf("%-10s %14.2f %16.0f%n", names[o], median(cpu[o]), median(bytes[o]));
            }
            double[] share = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                share[r] = cpu[0][r] / cpu[2][r];
            }
            double[] sorted = share.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "whole decision at %.1f %% of the rules-alone rate, in CPU time (median of the rounds;"
                            + " quartiles %.1f .. %.1f %%)%n",
                    100 * median(share), 100 * sorted[rounds / 4], 100 * sorted[(3 * rounds) / 4]);
        } finally {
            engine.stop();
        }
    }

    private static int sink;

    /** Runs {@code op} over the next {@code count} applicants: CPU nanoseconds and bytes allocated on this thread. */
    private static long[] run(IntFunction<Object> op, int count, int size) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getThreadAllocatedBytes(id);
        int h = 0;
        for (int i = 0; i < count; i++) {
            h += System.identityHashCode(op.apply(i % size));
        }
        long[] used = {threads.getCurrentThreadCpuTime() - cpu, threads.getThreadAllocatedBytes(id) - allocated};
        sink += h;
        return used;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
