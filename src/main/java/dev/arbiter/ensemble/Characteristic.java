package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One scorecard characteristic: the model input it reads (or derives from two inputs), its
 * bins, the weight used when the input is absent or fits no bin, and (for numbers) the range
 * seen in training.
 */
record Characteristic(
        String input,
        boolean numeric,
        String reasonCode,
        List<Bin> bins,
        double missingWeight,
        Double trainingMin,
        Double trainingMax,
        Derivation derivation) {

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

    Characteristic {
        bins = List.copyOf(bins);
        if (bins.isEmpty()) {
            throw new IllegalArgumentException(input + ": a characteristic needs at least one bin");
        }
    }

    /** What this characteristic made of one input: the bin (empty when missing) and its weight. */
    record Evaluation(Characteristic characteristic, Optional<Bin> bin, String value, boolean outOfRange) {

        double weight() {
            return bin.map(Bin::weight).orElse(characteristic.missingWeight());
        }

        boolean missing() {
            return bin.isEmpty();
        }

        /** How far this input raised the log-odds above the characteristic's best bin. */
        double contribution() {
            return weight() - characteristic.bestWeight();
        }

        String reasonCode() {
            return bin.map(Bin::reasonCode).orElse(characteristic.reasonCode());
        }
    }

    Evaluation evaluate(ModelInput input) {
        if (derivation != null) {
            input = derivation
                    .apply(input)
                    .map(v -> new ModelInput(new TreeMap<>(Map.of(this.input, v))))
                    .orElseGet(() -> new ModelInput(new TreeMap<>()));
        }
        if (numeric) {
            Optional<Double> value = input.number(this.input);
            if (value.isEmpty()) {
                return missing();
            }
            double v = value.get();
            boolean outOfRange = (trainingMin != null && v < trainingMin) || (trainingMax != null && v > trainingMax);
            return new Evaluation(
                    this,
                    bins.stream().filter(b -> b.matches(v)).findFirst(),
                    display(input.get(this.input).orElseThrow()),
                    outOfRange);
        }
        Optional<String> value = input.text(this.input);
        if (value.isEmpty()) {
            return missing();
        }
        return new Evaluation(
                this, bins.stream().filter(b -> b.matches(value.get())).findFirst(), value.get(), false);
    }

    double bestWeight() {
        return bins.stream().mapToDouble(Bin::weight).min().orElseThrow();
    }

    /** The spread between this characteristic's riskiest and safest bin: how much it can matter. */
    double importance() {
        return bins.stream().mapToDouble(Bin::weight).max().orElseThrow() - bestWeight();
    }

    private Evaluation missing() {
        return new Evaluation(this, Optional.empty(), "missing", false);
    }

    private static String display(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d)
                    .round(new MathContext(4))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return value instanceof BigDecimal b ? b.toPlainString() : String.valueOf(value);
    }
}
