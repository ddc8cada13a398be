package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.ScoringModel;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import tools.jackson.core.JsonGenerator;
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

    private final String id;
    private final String version;
    private final double intercept;
    private final List<Characteristic> characteristics;
    private final double totalImportance;
    private final double thinFileFactor;

    ScorecardModel(String id, String version, double intercept, List<Characteristic> characteristics) {
        this(id, version, intercept, characteristics, THIN_FILE_FACTOR);
    }

    ScorecardModel(
            String id, String version, double intercept, List<Characteristic> characteristics, double thinFileFactor) {
        this.id = id;
        this.version = version;
        this.intercept = intercept;
        this.thinFileFactor = thinFileFactor;
        this.characteristics = List.copyOf(characteristics);
        this.totalImportance = this.characteristics.stream()
                .mapToDouble(Characteristic::importance)
                .sum();
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
        List<Characteristic.Evaluation> evaluations =
                characteristics.stream().map(c -> c.evaluate(input)).toList();
        double logOdds = intercept
                + evaluations.stream()
                        .mapToDouble(Characteristic.Evaluation::weight)
                        .sum();
        double risk = 1.0 / (1.0 + Math.exp(-logOdds));
        boolean thinFile = Boolean.TRUE.equals(input.get("features.thinFile").orElse(false));
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

    private double confidence(List<Characteristic.Evaluation> evaluations, boolean thinFile) {
        double lost = 0;
        for (Characteristic.Evaluation e : evaluations) {
            double share = totalImportance == 0 ? 0 : e.characteristic().importance() / totalImportance;
            if (e.missing()) {
                lost += share;
            } else if (e.outOfRange()) {
                lost += OUT_OF_RANGE_PENALTY * share;
            }
        }
        double confidence = (1.0 - lost) * (thinFile ? thinFileFactor : 1.0);
        return Math.max(0.0, Math.min(1.0, confidence));
    }

    private static List<ScoreFactor> factors(List<Characteristic.Evaluation> evaluations) {
        // A factor names evidence: an input the applicant gave or a bureau reported. An absent
        // input scores the population's weight but is never a reason (docs/policy.md, "Reasons").
        return evaluations.stream()
                .filter(e -> !e.missing())
                .filter(e -> e.contribution() > 0)
                .sorted(Comparator.comparingDouble(Characteristic.Evaluation::contribution)
                        .reversed()
                        .thenComparing(e -> e.characteristic().input()))
                .limit(MAX_FACTORS)
                .map(e -> new ScoreFactor(
                        e.reasonCode(),
                        e.characteristic().input(),
                        e.value(),
                        Math.round(e.contribution() * 10_000d) / 10_000d))
                .toList();
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
            List<Characteristic.Evaluation> evaluations,
            List<ScoreFactor> factors) {
        StringWriter out = new StringWriter(256 + 96 * evaluations.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("model", id);
            g.writeStringProperty("version", version);
            g.writeNumberProperty("logOdds", logOdds);
            g.writeNumberProperty("risk", risk);
            g.writeNumberProperty("confidence", confidence);
            g.writeBooleanProperty("thinFile", thinFile);
            g.writeArrayPropertyStart("bins");
            for (Characteristic.Evaluation e : evaluations) {
                g.writeStartObject();
                g.writeStringProperty("input", e.characteristic().input());
                g.writeStringProperty("value", e.value());
                g.writeStringProperty("bin", e.bin().map(Bin::label).orElse("missing"));
                g.writeNumberProperty("weight", e.weight());
                g.writeBooleanProperty("outOfRange", e.outOfRange());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("factors");
            for (ScoreFactor f : factors) {
                g.writeStartObject();
                g.writeStringProperty("reasonCode", f.reasonCode());
                g.writeStringProperty("input", f.input());
                g.writeStringProperty("value", f.value());
                g.writeNumberProperty("contribution", f.contribution());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString();
    }
}
