package dev.arbiter.tools;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.ensemble.ScorecardModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Prints a trained scorecard's quality and risk distribution, as scored by the serving adapter. */
final class TrainingReport {

    private TrainingReport() {
    }

    static void print(ScorecardModel model, List<GermanCredit.Row> rows, List<ModelInput> inputs,
                               boolean[] bad, boolean[] inTrain) {
        double[] risk = new double[rows.size()];
        double[] confidence = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ModelScore score = model.score(inputs.get(i), ModelRole.PRIMARY, "training-report");
            risk[i] = score.risk();
            confidence[i] = score.confidence();
        }
        System.out.println("train   " + Quality.of(select(risk, inTrain, true), select(bad, inTrain, true)).describe());
        System.out.println("holdout " + Quality.of(select(risk, inTrain, false), select(bad, inTrain, false)).describe());
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
        System.out.println("  thick file(%3d)".formatted(rows.size() - count(thin)) + " " + deciles(select(risk, thin, false)));
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
}
