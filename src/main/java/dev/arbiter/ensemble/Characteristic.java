package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.io.SerializedString;

/**
 * One scorecard characteristic: the model input it reads (or derives from two inputs), its
 * bins, the weight used when the input is absent or fits no bin, and (for numbers) the range
 * seen in training. What does not depend on the applicant (the best bin's weight, the spread
 * between the best and the worst, the bin of each categorical value) is worked out once, when
 * the scorecard is loaded: a characteristic is evaluated for every decision.
 */
final class Characteristic {

    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private final String input;
    /** The input's name as the raw answer writes it, quoted and escaped once. */
    private final SerializedString inputText;

    private final boolean numeric;
    private final String reasonCode;
    private final List<Bin> bins;
    private final double missingWeight;
    private final Derivation derivation;
    /** The training range, open ends as infinities: nothing lies below minus infinity or above infinity. */
    private final double trainingLow;

    private final double trainingHigh;
    private final double bestWeight;
    private final double importance;
    /** Each categorical value to the first bin that lists it, as a search of the bins in order would find it. */
    private final Map<String, Bin> binOfValue;
    /** The one evaluation of an absent input: the same for every applicant. */
    private final Evaluation missing;

    Characteristic(
            String input,
            boolean numeric,
            String reasonCode,
            List<Bin> bins,
            double missingWeight,
            Double trainingMin,
            Double trainingMax) {
        this(input, numeric, reasonCode, bins, missingWeight, trainingMin, trainingMax, null);
    }

    Characteristic(
            String input,
            boolean numeric,
            String reasonCode,
            List<Bin> bins,
            double missingWeight,
            Double trainingMin,
            Double trainingMax,
            Derivation derivation) {
        this.bins = List.copyOf(bins);
        if (this.bins.isEmpty()) {
            throw new IllegalArgumentException(input + ": a characteristic needs at least one bin");
        }
        this.input = input;
        this.inputText = new SerializedString(input);
        this.numeric = numeric;
        this.reasonCode = reasonCode;
        this.missingWeight = missingWeight;
        this.derivation = derivation;
        this.trainingLow = trainingMin == null ? Double.NEGATIVE_INFINITY : trainingMin;
        this.trainingHigh = trainingMax == null ? Double.POSITIVE_INFINITY : trainingMax;
        // Math.min and Math.max as DoubleStream's min() and max() reduce, so -0.0 and NaN fare as they did
        double best = this.bins.get(0).weight();
        double worst = best;
        Map<String, Bin> byValue = new HashMap<>();
        for (Bin b : this.bins) {
            best = Math.min(best, b.weight());
            worst = Math.max(worst, b.weight());
            b.values().forEach(v -> byValue.putIfAbsent(v, b));
        }
        this.bestWeight = best;
        this.importance = worst - best;
        this.binOfValue = Map.copyOf(byValue);
        this.missing = new Evaluation(this, null, "missing", false);
    }

    String input() {
        return input;
    }

    SerializedString inputText() {
        return inputText;
    }

    String reasonCode() {
        return reasonCode;
    }

    double missingWeight() {
        return missingWeight;
    }

    /** The weight of the safest bin. */
    double bestWeight() {
        return bestWeight;
    }

    /** The spread between this characteristic's riskiest and safest bin: how much it can matter. */
    double importance() {
        return importance;
    }

    /** What this characteristic made of one input: the bin (null when missing) and its weight. */
    record Evaluation(Characteristic characteristic, Bin bin, String value, boolean outOfRange) {

        double weight() {
            return bin == null ? characteristic.missingWeight : bin.weight();
        }

        boolean missing() {
            return bin == null;
        }

        /** How far this input raised the log-odds above the characteristic's best bin. */
        double contribution() {
            return weight() - characteristic.bestWeight;
        }

        String reasonCode() {
            return bin == null || bin.reasonCode() == null ? characteristic.reasonCode : bin.reasonCode();
        }

        String binLabel() {
            return bin == null ? "missing" : bin.label();
        }
    }

    Evaluation evaluate(ModelInput input) {
        Object value = derivation == null ? input.values().get(this.input) : derivation.valueFrom(input);
        if (numeric) {
            if (!(value instanceof Number number)) {
                return missing;
            }
            double v = number.doubleValue();
            Bin bin = null;
            for (int i = 0; i < bins.size(); i++) {
                if (bins.get(i).matches(v)) {
                    bin = bins.get(i);
                    break;
                }
            }
            return new Evaluation(this, bin, display(value), v < trainingLow || v > trainingHigh);
        }
        String text = text(value);
        if (text == null) {
            return missing;
        }
        return new Evaluation(this, binOfValue.get(text), text, false);
    }

    /** A text input as a model reads it: strings, and booleans as {@code true} or {@code false}; null otherwise. */
    static String text(Object value) {
        return value instanceof String || value instanceof Boolean ? value.toString() : null;
    }

    private static String display(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
        }
        return value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value);
    }
}
