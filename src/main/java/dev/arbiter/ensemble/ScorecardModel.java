package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.ScoringModel;
import java.io.CharArrayWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logistic scorecard scored in process: risk is the sigmoid of the intercept plus one bin
 * weight per characteristic. Confidence and factors are defined in {@code docs/model.md}.
 */
public final class ScorecardModel implements ScoringModel {

    static final int MAX_FACTORS = 4;
    /** A numeric input outside the training range costs half of what a missing one does. */
    static final double OUT_OF_RANGE_PENALTY = 0.5;
    /**
     * The default multiplier on confidence for a thin-file applicant: the bureau data behind a
     * credit model barely covers them. A model that does not read the credit file (cash flow,
     * fraud) sets its own factor, usually 1, in its file ({@code thinFileConfidenceFactor}).
     */
    static final double THIN_FILE_FACTOR = 0.5;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /* The raw answer's property names, quoted and escaped once. */
    private static final SerializedString MODEL = new SerializedString("model");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString LOG_ODDS = new SerializedString("logOdds");
    private static final SerializedString RISK = new SerializedString("risk");
    private static final SerializedString CONFIDENCE = new SerializedString("confidence");
    private static final SerializedString THIN_FILE = new SerializedString("thinFile");
    private static final SerializedString BINS = new SerializedString("bins");
    private static final SerializedString INPUT = new SerializedString("input");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString BIN = new SerializedString("bin");
    private static final SerializedString WEIGHT = new SerializedString("weight");
    private static final SerializedString OUT_OF_RANGE = new SerializedString("outOfRange");
    private static final SerializedString FACTORS = new SerializedString("factors");
    private static final SerializedString REASON_CODE = new SerializedString("reasonCode");
    private static final SerializedString CONTRIBUTION = new SerializedString("contribution");

    private final String id;
    private final String version;
    private final SerializedString idText;
    private final SerializedString versionText;
    private final double intercept;
    private final Characteristic[] characteristics;
    /** Each characteristic's share of the scorecard's total importance: what its absence costs confidence. */
    private final double[] importanceShare;

    private final double thinFileFactor;

    /** Largest contribution first; equal ones by input name. */
    private static final Comparator<Characteristic.Evaluation> LARGEST_FIRST = Comparator.comparingDouble(
                    Characteristic.Evaluation::contribution)
            .reversed()
            .thenComparing(e -> e.characteristic().input());

    ScorecardModel(String id, String version, double intercept, List<Characteristic> characteristics) {
        this(id, version, intercept, characteristics, THIN_FILE_FACTOR);
    }

    ScorecardModel(
            String id, String version, double intercept, List<Characteristic> characteristics, double thinFileFactor) {
        this.id = id;
        this.version = version;
        this.idText = new SerializedString(id);
        this.versionText = new SerializedString(version);
        this.intercept = intercept;
        this.thinFileFactor = thinFileFactor;
        this.characteristics = characteristics.toArray(Characteristic[]::new);
        double totalImportance =
                characteristics.stream().mapToDouble(Characteristic::importance).sum();
        this.importanceShare = new double[this.characteristics.length];
        for (int i = 0; i < importanceShare.length; i++) {
            importanceShare[i] = totalImportance == 0 ? 0 : this.characteristics[i].importance() / totalImportance;
        }
    }

    /** Loads a scorecard file; fails with the file and field at fault when it is malformed. */
    public static ScorecardModel load(Path file) {
        return ScorecardReader.read(file);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public ModelScore score(ModelInput input, ModelRole role, String trigger) {
        long started = System.nanoTime();
        Characteristic.Evaluation[] evaluations = new Characteristic.Evaluation[characteristics.length];
        for (int i = 0; i < evaluations.length; i++) {
            evaluations[i] = characteristics[i].evaluate(input);
        }
        double logOdds = intercept + sumOfWeights(evaluations);
        double risk = 1.0 / (1.0 + Math.exp(-logOdds));
        boolean thinFile = Boolean.TRUE.equals(input.values().get("features.thinFile"));
        double confidence = confidence(evaluations, thinFile);
        List<ScoreFactor> factors = factors(evaluations);
        String raw = rawResponse(logOdds, risk, confidence, thinFile, evaluations, factors);
        long latencyMillis = (System.nanoTime() - started) / 1_000_000;
        return new ModelScore(
                role,
                id,
                version,
                "in-process",
                1,
                trigger,
                ModelStatus.OK,
                risk,
                confidence,
                factors,
                latencyMillis,
                raw);
    }

    /**
     * The bin weights' sum, added up as {@code DoubleStream.sum()} adds (compensated summation,
     * the JDK 17 algorithm), which is how it was summed before: the log-odds, and so the risk
     * and the raw answer, keep every bit they had.
     */
    static double sumOfWeights(Characteristic.Evaluation[] evaluations) {
        double sum = 0;
        double compensation = 0;
        double simpleSum = 0;
        for (Characteristic.Evaluation e : evaluations) {
            double weight = e.weight();
            double corrected = weight - compensation;
            double next = sum + corrected;
            compensation = (next - sum) - corrected;
            sum = next;
            simpleSum += weight;
        }
        double total = sum - compensation;
        return Double.isNaN(total) && Double.isInfinite(simpleSum) ? simpleSum : total;
    }

    private double confidence(Characteristic.Evaluation[] evaluations, boolean thinFile) {
        double lost = 0;
        for (int i = 0; i < evaluations.length; i++) {
            if (evaluations[i].missing()) {
                lost += importanceShare[i];
            } else if (evaluations[i].outOfRange()) {
                lost += OUT_OF_RANGE_PENALTY * importanceShare[i];
            }
        }
        double confidence = (1.0 - lost) * (thinFile ? thinFileFactor : 1.0);
        return Math.max(0.0, Math.min(1.0, confidence));
    }

    private static List<ScoreFactor> factors(Characteristic.Evaluation[] evaluations) {
        // A factor names evidence: an input the applicant gave or a bureau reported. An absent
        // input scores the population's weight but is never a reason (docs/policy.md, "Reasons").
        Characteristic.Evaluation[] raising = new Characteristic.Evaluation[evaluations.length];
        int count = 0;
        for (Characteristic.Evaluation e : evaluations) {
            if (!e.missing() && e.contribution() > 0) {
                raising[count++] = e;
            }
        }
        if (count == 0) {
            return List.of();
        }
        Arrays.sort(raising, 0, count, LARGEST_FIRST); // stable, as the stream's sort was
        ScoreFactor[] factors = new ScoreFactor[Math.min(count, MAX_FACTORS)];
        for (int i = 0; i < factors.length; i++) {
            Characteristic.Evaluation e = raising[i];
            factors[i] = new ScoreFactor(
                    e.reasonCode(),
                    e.characteristic().input(),
                    e.value(),
                    Math.round(e.contribution() * 10_000d) / 10_000d);
        }
        return List.of(factors);
    }

    /**
     * The model's answer as stored with the decision: written straight to text by a streaming
     * generator (no tree of nodes per call). The text is the same, byte for byte, as the
     * tree-built one stored before (same fields, order and number format;
     * {@code ScorecardModelTest} checks it on every German credit applicant), so a replay of an
     * earlier decision still compares equal.
     */
    private String rawResponse(
            double logOdds,
            double risk,
            double confidence,
            boolean thinFile,
            Characteristic.Evaluation[] evaluations,
            List<ScoreFactor> factors) {
        // chars, as before (an unpaired surrogate in a value is kept as it was, not escaped as
        // UTF-8 output would), into a plain array rather than a StringWriter's StringBuffer
        CharArrayWriter out = new CharArrayWriter(256 + 128 * evaluations.length);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeName(MODEL);
            g.writeString(idText);
            g.writeName(VERSION);
            g.writeString(versionText);
            g.writeName(LOG_ODDS);
            g.writeNumber(logOdds);
            g.writeName(RISK);
            g.writeNumber(risk);
            g.writeName(CONFIDENCE);
            g.writeNumber(confidence);
            g.writeName(THIN_FILE);
            g.writeBoolean(thinFile);
            g.writeName(BINS);
            g.writeStartArray();
            for (Characteristic.Evaluation e : evaluations) {
                g.writeStartObject();
                g.writeName(INPUT);
                g.writeString(e.characteristic().inputText());
                g.writeName(VALUE);
                g.writeString(e.value());
                g.writeName(BIN);
                g.writeString(e.binLabel());
                g.writeName(WEIGHT);
                g.writeNumber(e.weight());
                g.writeName(OUT_OF_RANGE);
                g.writeBoolean(e.outOfRange());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName(FACTORS);
            g.writeStartArray();
            for (ScoreFactor f : factors) {
                g.writeStartObject();
                g.writeName(REASON_CODE);
                g.writeString(f.reasonCode());
                g.writeName(INPUT);
                g.writeString(f.input());
                g.writeName(VALUE);
                g.writeString(f.value());
                g.writeName(CONTRIBUTION);
                g.writeNumber(f.contribution());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString();
    }
}
