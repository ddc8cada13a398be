package dev.arbiter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JMH JSON result files and prints what they mean for Arbiter: decisions per second and
 * the ensemble's overhead over calling the models directly. Figures are medians of the
 * measured iterations, pooled over every file given (several runs of {@code scripts/jmh.sh}),
 * because on a shared machine the mean moves with every neighbour's build.
 *
 * <p>Usage: {@code BenchmarkSummary target/jmh-result.json [more.json ...]}
 */
public final class BenchmarkSummary {

    private BenchmarkSummary() {}

    public static void main(String[] args) throws Exception {
        Map<String, List<Double>> iterations = new LinkedHashMap<>();
        for (String file : args) {
            for (JsonNode r : JsonMapper.builder().build().readTree(Files.readAllBytes(Path.of(file)))) {
                String name = r.path("benchmark")
                        .asString()
                        .replace("dev.arbiter.bench.", "")
                        .replace("DecisionBenchmark", "")
                        .replace("SecondOpinionBenchmark", "");
                List<Double> values = iterations.computeIfAbsent(name, n -> new ArrayList<>());
                r.path("primaryMetric").path("rawData").forEach(fork -> fork.forEach(it -> values.add(it.asDouble())));
            }
        }
        Map<String, Double> ops = new LinkedHashMap<>();
        System.out.printf("%n%d result file(s); medians of the measured iterations%n", args.length);
        System.out.println("benchmark                   median ops/s   per op      iterations  (slowest .. fastest)");
        iterations.forEach((name, values) -> {
            Collections.sort(values);
            double median = median(values);
            ops.put(name, median);
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %12.1f   %-10s  %10d  (%.1f .. %.1f)%n",
                    name,
                    median,
                    perOp(median),
                    values.size(),
                    values.get(0),
                    values.get(values.size() - 1));
        });
        System.out.println();
        compare(
                ops,
                "InProcess.ensemble",
                "InProcess.scorecardsDirect",
                "in-process ensemble vs the scorecards called directly");
        compare(
                ops,
                "InProcess.decision",
                "InProcess.scorecardsDirect",
                "in-process decision vs the scorecards called directly");
        compare(ops, "InProcess.decision", "InProcess.ensemble", "in-process decision vs its ensemble alone");
        compare(ops, "InProcess.rules", "InProcess.decision", "rules alone vs a whole in-process decision");
        compare(
                ops,
                "Remote.ensemble",
                "Remote.signedCallDirect",
                "ensemble with remote second opinion vs the signed call alone");
        compare(
                ops,
                "Remote.decision",
                "Remote.signedCallDirect",
                "decision with remote second opinion vs the signed call alone");
    }

    private static void compare(Map<String, Double> ops, String measured, String baseline, String what) {
        if (!ops.containsKey(measured) || !ops.containsKey(baseline)) {
            return;
        }
        double m = ops.get(measured);
        double b = ops.get(baseline);
        System.out.printf(
                Locale.ROOT,
                "%-62s %8.1f/s vs %8.1f/s: %5.2fx the time, %+9.1f us per op%n",
                what,
                m,
                b,
                b / m,
                (1 / m - 1 / b) * 1e6);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String perOp(double opsPerSecond) {
        double micros = 1e6 / opsPerSecond;
        return micros >= 1000
                ? String.format(Locale.ROOT, "%.2f ms", micros / 1000)
                : String.format(Locale.ROOT, "%.1f us", micros);
    }
}
