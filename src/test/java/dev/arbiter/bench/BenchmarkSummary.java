package dev.arbiter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JMH JSON result file and prints what it means for Arbiter: decisions per second and
 * the ensemble's overhead over calling the models directly, both taken from the same run.
 *
 * <p>Usage: {@code BenchmarkSummary target/jmh-result.json}
 */
public final class BenchmarkSummary {

    private BenchmarkSummary() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode results = JsonMapper.builder().build().readTree(Files.readAllBytes(Path.of(args[0])));
        Map<String, double[]> ops = new LinkedHashMap<>(); // short name -> {score, error}
        for (JsonNode r : results) {
            String name = r.path("benchmark").asString().replace("dev.arbiter.bench.", "")
                    .replace("DecisionBenchmark", "").replace("SecondOpinionBenchmark", "");
            JsonNode metric = r.path("primaryMetric");
            ops.put(name, new double[] {number(metric.path("score")), number(metric.path("scoreError"))});
        }
        System.out.println();
        System.out.println("benchmark                    ops/s      +/- (99.9%)   per op");
        ops.forEach((name, v) -> System.out.printf(Locale.ROOT, "%-24s %10.1f %12.1f   %s%n", name, v[0], v[1], perOp(v[0])));
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
