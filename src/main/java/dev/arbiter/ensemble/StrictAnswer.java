package dev.arbiter.ensemble;

import dev.arbiter.decision.ScoreFactor;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Parses a remote model's answer, {@code {<riskField>, confidence, reasons}}, refusing
 * anything it would have to guess at: a missing field, a number sent as a string, a value
 * outside 0..1, a reason that is not a string. Extra fields are ignored (they stay in the raw
 * response).
 */
final class StrictAnswer {

    static final int MAX_REASONS = 10;

    record Parsed(double risk, double confidence, List<ScoreFactor> factors) {}

    /** Either the answer or the problem that made it unusable. */
    record Result(Parsed answer, String problem) {
        boolean ok() {
            return answer != null;
        }
    }

    private StrictAnswer() {}

    static Result parse(String body, String riskField, String modelId) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return new Result(null, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Result(null, "not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        double risk = fraction(root, riskField, problems);
        double confidence = fraction(root, "confidence", problems);
        List<ScoreFactor> factors = new ArrayList<>();
        JsonNode reasons = root.get("reasons");
        if (reasons == null || !reasons.isArray()) {
            problems.add("'reasons' must be a list of strings");
        } else if (reasons.size() > MAX_REASONS) {
            problems.add("'reasons' has more than " + MAX_REASONS + " entries");
        } else {
            for (JsonNode r : reasons) {
                if (!r.isString() || r.stringValue().isBlank()) {
                    problems.add("'reasons' entry " + r + " is not a non-empty string");
                } else {
                    factors.add(new ScoreFactor(r.stringValue(), modelId, "", 0.0));
                }
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, String.join("; ", problems));
        }
        return new Result(new Parsed(risk, confidence, factors), null);
    }

    private static double fraction(JsonNode root, String field, List<String> problems) {
        JsonNode v = root.get(field);
        if (v == null || !v.isNumber()) {
            problems.add("'" + field + "' must be a number, was " + (v == null ? "missing" : v));
            return Double.NaN;
        }
        double d = v.doubleValue();
        if (!(d >= 0 && d <= 1)) {
            problems.add("'" + field + "' must be between 0 and 1, was " + v);
        }
        return d;
    }
}
