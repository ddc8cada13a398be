package dev.arbiter.tools;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.ensemble.ScorecardModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prints a trained scorecard's quality and risk distribution, as scored by the serving adapter. */
final class TrainingReport {

    private TrainingReport() {}

    static void print(
            ScorecardModel model,
            List<GermanCredit.Row> rows,
            List<ModelInput> inputs,
            boolean[] bad,
            boolean[] inTrain) {
        double[] risk = new double[rows.size()];
        double[] confidence = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ModelScore score = model.score(inputs.get(i), ModelRole.PRIMARY, "training-report");
            risk[i] = score.risk();
            confidence[i] = score.confidence();
        }
        System.out.println("train   "
                + Quality.of(select(risk, inTrain, true), select(bad, inTrain, true))
                        .describe());
        System.out.println("holdout "
                + Quality.of(select(risk, inTrain, false), select(bad, inTrain, false))
                        .describe());
        System.out.println("all     " + Quality.of(risk, bad).describe());

        boolean[] noFile = new boolean[rows.size()];
        boolean[] thin = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            noFile[i] = !rows.get(i).application().hasCreditFile();
            thin[i] = Boolean.TRUE.equals(inputs.get(i).get("features.thinFile").orElse(false));
        }
        boolean[] everyone = new boolean[rows.size()];
        Arrays.fill(everyone, true);
        System.out.println("risk deciles (min, 10%, 20%, ..., 90%, max):");
        System.out.println("  all 1000       " + deciles(select(risk, everyone, true)));
        System.out.println("  no file (%3d)  ".formatted(count(noFile)) + deciles(select(risk, noFile, true)));
        System.out.println("  thin file (%3d)".formatted(count(thin)) + " " + deciles(select(risk, thin, true)));
        System.out.println(
                "  thick file(%3d)".formatted(rows.size() - count(thin)) + " " + deciles(select(risk, thin, false)));
        System.out.println("  bad  (%3d)     ".formatted(count(bad)) + deciles(select(risk, bad, true)));
        System.out.println("  good (%3d)     ".formatted(rows.size() - count(bad)) + deciles(select(risk, bad, false)));
        System.out.println("confidence deciles:");
        System.out.println("  all 1000       " + deciles(confidence));
    }

    private static String deciles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<String> out = new ArrayList<>();
        for (int d = 0; d <= 10; d++) {
            int index = (int) Math.round(d / 10.0 * (sorted.length - 1));
            out.add("%.3f".formatted(sorted[index]));
        }
        return String.join(" ", out);
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static double[] select(double[] values, boolean[] mask, boolean keep) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (mask[i] == keep) {
                out.add(values[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static boolean[] select(boolean[] values, boolean[] mask, boolean keep) {
        List<Boolean> kept = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (mask[i] == keep) {
                kept.add(values[i]);
            }
        }
        boolean[] out = new boolean[kept.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = kept.get(i);
        }
        return out;
    }

    /** The weights table of docs/model.md, printed from the written file so the two cannot drift. */
    static void printWeightsTable(Path modelFile) {
        JsonNode card = JsonMapper.builder().build().readTree(modelFile);
        System.out.println("| characteristic | input | bin | weight | points | train n | train bad rate | reason |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---|");
        System.out.println("| intercept | | | %s | %s | | | |"
                .formatted(
                        card.get("intercept").asString(),
                        card.get("scaling").get("basePoints").asString()));
        for (JsonNode c : card.get("characteristics").values()) {
            String code = c.get("reasonCode").asString();
            for (JsonNode b : c.get("bins").values()) {
                String bin = b.has("values")
                        ? String.join(
                                ", ",
                                b.get("values").values().stream()
                                        .map(JsonNode::asString)
                                        .toList())
                        : "[%s, %s)"
                                .formatted(
                                        b.get("min").isNull()
                                                ? ""
                                                : b.get("min").asString(),
                                        b.get("max").isNull()
                                                ? ""
                                                : b.get("max").asString());
                String note = b.has("fitted") ? " (not fitted)" : "";
                System.out.println("| %s | `%s` | %s%s | %s | %s | %s | %s | %s |"
                        .formatted(
                                c.get("name").asString(),
                                c.get("input").asString(),
                                bin,
                                note,
                                b.get("weight").asString(),
                                b.get("points").asString(),
                                b.get("trainCount").asString(),
                                b.get("trainBadRate").isNull()
                                        ? ""
                                        : b.get("trainBadRate").asString(),
                                b.has("reasonCode") ? b.get("reasonCode").asString() : code));
            }
            JsonNode missing = c.get("missing");
            System.out.println("| %s | `%s` | missing | %s | %s | | | %s |"
                    .formatted(
                            c.get("name").asString(),
                            c.get("input").asString(),
                            missing.get("weight").asString(),
                            missing.get("points").asString(),
                            code));
        }
    }
}
