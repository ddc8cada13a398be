package dev.arbiter.tools;

import dev.arbiter.tools.ScorecardSpec.BinSpec;
import dev.arbiter.tools.ScorecardSpec.CharacteristicSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a fitted scorecard as JSON laid out for reading: one bin per line, fields in a
 * fixed order, numbers rounded to fixed decimals. The same fit always gives the same bytes.
 */
final class ScorecardWriter {

    /** Points scaling: 600 points at good:bad odds of 50:1, 20 more points double the odds. */
    static final double BASE_SCORE = 600;

    static final double BASE_ODDS = 50;
    static final double POINTS_TO_DOUBLE_ODDS = 20;
    private static final double FACTOR = POINTS_TO_DOUBLE_ODDS / Math.log(2);

    record FittedBin(BinSpec spec, double weight, int count, int bad, boolean fitted) {}

    record FittedCharacteristic(
            CharacteristicSpec spec,
            List<FittedBin> bins,
            double missingWeight,
            Double trainingMin,
            Double trainingMax) {}

    record Scorecard(
            String id,
            String version,
            String description,
            Map<String, Object> training,
            double intercept,
            List<FittedCharacteristic> characteristics) {}

    private ScorecardWriter() {}

    static String toJson(Scorecard card) {
        List<String> lines = new ArrayList<>();
        lines.add("{");
        lines.add("  \"id\": " + str(card.id()) + ",");
        lines.add("  \"version\": " + str(card.version()) + ",");
        lines.add("  \"description\": " + str(card.description()) + ",");
        lines.add("  \"training\": {");
        lines.add(card.training().entrySet().stream()
                .map(e -> "    " + str(e.getKey()) + ": " + value(e.getValue()))
                .collect(Collectors.joining(",\n")));
        lines.add("  },");
        lines.add(
                "  \"scaling\": { \"baseScore\": %s, \"baseOdds\": %s, \"pointsToDoubleOdds\": %s, \"basePoints\": %d },"
                        .formatted(
                                num(BASE_SCORE),
                                num(BASE_ODDS),
                                num(POINTS_TO_DOUBLE_ODDS),
                                basePoints(card.intercept())));
        lines.add("  \"intercept\": " + num(card.intercept()) + ",");
        lines.add("  \"characteristics\": [");
        List<String> blocks = new ArrayList<>();
        for (FittedCharacteristic c : card.characteristics()) {
            blocks.add(characteristic(c));
        }
        lines.add(String.join(",\n", blocks));
        lines.add("  ]");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    static long basePoints(double intercept) {
        return Math.round(BASE_SCORE - FACTOR * Math.log(BASE_ODDS) - FACTOR * intercept);
    }

    static long points(double weight) {
        return Math.round(-FACTOR * weight);
    }

    private static String characteristic(FittedCharacteristic c) {
        CharacteristicSpec s = c.spec();
        StringBuilder out = new StringBuilder();
        out.append("    {\n");
        out.append("      \"name\": ").append(str(s.name())).append(",\n");
        out.append("      \"input\": ").append(str(s.input())).append(",\n");
        out.append("      \"type\": ")
                .append(str(s.numeric() ? "numeric" : "categorical"))
                .append(",\n");
        out.append("      \"reasonCode\": ").append(str(s.reasonCode())).append(",\n");
        if (s.numeric()) {
            out.append("      \"trainingRange\": [")
                    .append(num(c.trainingMin()))
                    .append(", ")
                    .append(num(c.trainingMax()))
                    .append("],\n");
        }
        out.append("      \"bins\": [\n");
        out.append(c.bins().stream().map(b -> "        " + bin(b, s.numeric())).collect(Collectors.joining(",\n")));
        out.append("\n      ],\n");
        out.append("      \"missing\": { \"weight\": ")
                .append(num(c.missingWeight()))
                .append(", \"points\": ")
                .append(points(c.missingWeight()))
                .append(" }\n");
        out.append("    }");
        return out.toString();
    }

    private static String bin(FittedBin b, boolean numeric) {
        List<String> fields = new ArrayList<>();
        if (numeric) {
            fields.add("\"min\": " + num(b.spec().min()));
            fields.add("\"max\": " + num(b.spec().max()));
        } else {
            fields.add("\"values\": ["
                    + b.spec().values().stream().map(ScorecardWriter::str).collect(Collectors.joining(", ")) + "]");
        }
        fields.add("\"weight\": " + num(b.weight()));
        fields.add("\"points\": " + points(b.weight()));
        if (b.spec().reasonCode() != null) {
            fields.add("\"reasonCode\": " + str(b.spec().reasonCode()));
        }
        fields.add("\"trainCount\": " + b.count());
        fields.add("\"trainBadRate\": " + (b.count() == 0 ? "null" : num((double) b.bad() / b.count())));
        if (!b.fitted()) {
            fields.add("\"fitted\": false");
        }
        return "{ " + String.join(", ", fields) + " }";
    }

    private static String value(Object v) {
        if (v instanceof Number n) {
            return num(n.doubleValue());
        }
        return str(String.valueOf(v));
    }

    /** Up to four decimals, no trailing zeros, never exponent notation; null stays null. */
    static String num(Double v) {
        if (v == null) {
            return "null";
        }
        String s = BigDecimal.valueOf(v)
                .setScale(4, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static String str(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
