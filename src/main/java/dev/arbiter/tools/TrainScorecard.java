package dev.arbiter.tools;

import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.ScorecardModel;
import dev.arbiter.tools.ScorecardSpec.CharacteristicSpec;
import dev.arbiter.tools.ScorecardWriter.FittedBin;
import dev.arbiter.tools.ScorecardWriter.FittedCharacteristic;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Trains the primary scorecard on the German credit data and writes engine/models/primary-credit.json.
 * Usage: {@code mvn -B -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.TrainScorecard [-Dexec.args="in.arff out.json"]}.
 * It then loads the written file with the serving adapter and reports quality from that, so
 * the numbers printed are the shipped model's, not the trainer's idea of it.
 */
public final class TrainScorecard {

    static final long SEED = 1994L;
    static final double TRAIN_SHARE = 0.7;
    static final double L2_PENALTY = 1.0;
    static final Path SHIPPED_MODEL = Path.of("engine/models/primary-credit.json");
    /** Features carry the derivation instant; a fixed one keeps training runs identical. */
    private static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC);

    private TrainScorecard() {}

    public static void main(String[] args) throws IOException {
        Path data = args.length > 0 ? Path.of(args[0]) : GermanCredit.SHIPPED_FILE;
        Path out = args.length > 1 ? Path.of(args[1]) : SHIPPED_MODEL;

        List<GermanCredit.Row> rows = GermanCredit.read(data);
        var deriver = new FeatureDeriver(ThinFileDefinition.DEFAULT, FIXED_CLOCK);
        List<ModelInput> inputs = rows.stream()
                .map(r -> ModelInput.of(r.application(), deriver.derive(r.application())))
                .toList();
        boolean[] bad = new boolean[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            bad[i] = !rows.get(i).good();
        }
        boolean[] inTrain = stratifiedSplit(bad, SEED, TRAIN_SHARE);

        ScorecardWriter.Scorecard card = fit(data, inputs, bad, inTrain);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, ScorecardWriter.toJson(card), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);

        TrainingReport.print(ScorecardModel.load(out), rows, inputs, bad, inTrain);
        TrainingReport.printWeightsTable(out);
    }

    /** Shuffles each class with the seed and puts the first {@code share} of it in training. */
    static boolean[] stratifiedSplit(boolean[] bad, long seed, double share) {
        boolean[] inTrain = new boolean[bad.length];
        Random random = new Random(seed);
        for (boolean cls : new boolean[] {false, true}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < bad.length; i++) {
                if (bad[i] == cls) {
                    members.add(i);
                }
            }
            Collections.shuffle(members, random);
            int take = (int) Math.round(members.size() * share);
            members.subList(0, take).forEach(i -> inTrain[i] = true);
        }
        return inTrain;
    }

    private static ScorecardWriter.Scorecard fit(Path data, List<ModelInput> inputs, boolean[] bad, boolean[] inTrain) {
        List<CharacteristicSpec> specs = ScorecardSpec.CHARACTERISTICS;
        int[] offsets = new int[specs.size()];
        int columns = 0;
        for (int c = 0; c < specs.size(); c++) {
            offsets[c] = columns;
            columns += specs.get(c).bins().size();
        }
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        List<int[]> binsOfRow = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!inTrain[i]) {
                continue;
            }
            double[] row = new double[columns];
            int[] bins = new int[specs.size()];
            for (int c = 0; c < specs.size(); c++) {
                bins[c] = specs.get(c).binOf(inputs.get(i)).orElse(-1);
                if (bins[c] >= 0) {
                    row[offsets[c] + bins[c]] = 1.0;
                }
            }
            x.add(row);
            y.add(bad[i] ? 1 : 0);
            binsOfRow.add(bins);
        }
        double[] beta = LogisticRegression.fit(
                x.toArray(double[][]::new),
                y.stream().mapToInt(Integer::intValue).toArray(),
                L2_PENALTY);

        List<FittedCharacteristic> fitted = new ArrayList<>();
        for (int c = 0; c < specs.size(); c++) {
            CharacteristicSpec spec = specs.get(c);
            int[] count = new int[spec.bins().size()];
            int[] badCount = new int[spec.bins().size()];
            for (int r = 0; r < binsOfRow.size(); r++) {
                int b = binsOfRow.get(r)[c];
                if (b >= 0) {
                    count[b]++;
                    badCount[b] += y.get(r);
                }
            }
            fitted.add(characteristic(spec, beta, offsets[c], count, badCount, inputs, inTrain));
        }
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", data.toString().replace('\\', '/'));
        training.put(
                "source",
                "Statlog (German Credit Data), Prof. Dr. Hans Hofmann, Universitaet Hamburg, "
                        + "via the UCI Machine Learning Repository, CC BY 4.0");
        training.put("mapping", "docs/model.md");
        training.put("target", "risk = probability that the applicant is 'bad' (class = bad)");
        training.put(
                "split",
                "stratified by class, %d%% train / %d%% holdout, java.util.Random shuffle"
                        .formatted(Math.round(TRAIN_SHARE * 100), Math.round((1 - TRAIN_SHARE) * 100)));
        training.put("seed", SEED);
        training.put("trainRows", x.size());
        training.put("holdoutRows", inputs.size() - x.size());
        training.put("method", "logistic regression on one-hot bins, L2 penalty on bin weights, IRLS");
        training.put("l2Penalty", L2_PENALTY);
        training.put("thinFileDefinition", ThinFileDefinition.DEFAULT.version());
        training.put("trainer", TrainScorecard.class.getName());
        return new ScorecardWriter.Scorecard(
                "primary-credit",
                "1.0.0",
                "Primary credit scorecard: probability that a personal-loan applicant defaults, "
                        + "as a sum of log-odds weights, one per characteristic.",
                training,
                round(beta[0]),
                fitted);
    }

    /**
     * Bins no training applicant fell in get the characteristic's riskiest fitted weight (a
     * cautious default, marked "fitted": false); a missing input gets the training mean, so
     * absence neither helps nor hurts on average and shows up in confidence instead.
     */
    private static FittedCharacteristic characteristic(
            CharacteristicSpec spec,
            double[] beta,
            int offset,
            int[] count,
            int[] badCount,
            List<ModelInput> inputs,
            boolean[] inTrain) {
        double riskiest = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                riskiest = Math.max(riskiest, round(beta[1 + offset + b]));
            }
        }
        List<FittedBin> bins = new ArrayList<>();
        double weightedSum = 0;
        int total = 0;
        for (int b = 0; b < count.length; b++) {
            boolean observed = count[b] > 0;
            double weight = observed ? round(beta[1 + offset + b]) : riskiest;
            bins.add(new FittedBin(spec.bins().get(b), weight, count[b], badCount[b], observed));
            weightedSum += weight * count[b];
            total += count[b];
        }
        Double min = null;
        Double max = null;
        if (spec.numeric()) {
            for (int i = 0; i < inputs.size(); i++) {
                Optional<Double> v = inputs.get(i).number(spec.input());
                if (inTrain[i] && v.isPresent()) {
                    min = min == null ? v.get() : Math.min(min, v.get());
                    max = max == null ? v.get() : Math.max(max, v.get());
                }
            }
        }
        return new FittedCharacteristic(spec, bins, round(weightedSum / total), min, max);
    }

    private static double round(double v) {
        return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
