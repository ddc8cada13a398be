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
 * Reads a JMH JSON result file and prints what it means for Arbiter: decisions per second and
 * the ensemble's overhead over calling the models directly, both taken from the same run, as
 * medians of the measured iterations.
 *
 * <p>Usage: {@code BenchmarkSummary target/jmh-result.json}
 */
public final class BenchmarkSummary {

    private BenchmarkSummary() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode results = JsonMapper.builder().build().readTree(Files.readAllBytes(Path.of(args[0])));
        Map<String, double[]> ops = new LinkedHashMap<>(); // short name -> {median, mean, error}
        for (JsonNode r : results) {
            String name = r.path("benchmark").asString().replace("dev.arbiter.bench.", "")
                    .replace("DecisionBenchmark", "").replace("SecondOpinionBenchmark", "");
            JsonNode metric = r.path("primaryMetric");
            ops.put(name, new double[] {median(metric.path("rawData")), number(metric.path("score")),
                    number(metric.path("scoreError"))});
        }
        System.out.println();
        System.out.println("benchmark                   median ops/s   per op      (JMH mean +/- 99.9% error)");
        ops.forEach((name, v) -> System.out.printf(Locale.ROOT, "%-26s %12.1f   %-10s  (%.1f +/- %.1f)%n",
                name, v[0], perOp(v[0]), v[1], v[2]));
        System.out.println();
        System.out.println("ratios of medians (a noisy machine moves means more than medians):");
        System.out.println();
        compare(ops, "InProcess.ensemble", "InProcess.scorecardsDirect", "in-process ensemble vs the scorecards called directly");
        compare(ops, "InProcess.decision", "InProcess.scorecardsDirect", "in-process decision vs the scorecards called directly");
        compare(ops, "InProcess.rules", "InProcess.decision", "rules alone vs a whole in-process decision");
        compare(ops, "Remote.ensemble", "Remote.signedCallDirect", "ensemble with remote second opinion vs the signed call alone");
        compare(ops, "Remote.decision", "Remote.signedCallDirect", "decision with remote second opinion vs the signed call alone");
    }

    private static void compare(Map<String, double[]> ops, String measured, String baseline, String what) {
        if (!ops.containsKey(measured) || !ops.containsKey(baseline)) {
            return;
        }
        double m = ops.get(measured)[0];
        double b = ops.get(baseline)[0];
        double extraMicros = (1 / m - 1 / b) * 1e6;
        System.out.printf(Locale.ROOT, "%-62s %7.1f/s vs %9.1f/s: %6.2fx the time, %+9.1f us per op%n",
                what, m, b, b / m, extraMicros);
    }

    /** The median over all measured iterations of all forks. */
    private static double median(JsonNode rawData) {
        List<Double> values = new ArrayList<>();
        rawData.forEach(fork -> fork.forEach(iteration -> values.add(number(iteration))));
        Collections.sort(values);
        int n = values.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** JMH writes "NaN" as a string when there were too few iterations for an error. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static String perOp(double opsPerSecond) {
        double micros = 1e6 / opsPerSecond;
        return micros >= 1000 ? String.format(Locale.ROOT, "%.2f ms", micros / 1000)
                : String.format(Locale.ROOT, "%.1f us", micros);
    }
}
