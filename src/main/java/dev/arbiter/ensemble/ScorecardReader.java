package dev.arbiter.ensemble;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a scorecard file (format in {@code docs/model.md}). Only the fields scoring needs are
 * read; counts, bad rates and points in the file are there for people and are ignored.
 */
final class ScorecardReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScorecardReader() {}

    static ScorecardModel read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not a readable scorecard file: " + e.getOriginalMessage(), e);
        }
        String where = file.toString();
        List<Characteristic> characteristics = new ArrayList<>();
        JsonNode list = required(root, "characteristics", where);
        for (int i = 0; i < list.size(); i++) {
            characteristics.add(characteristic(list.get(i), where + ": characteristics[" + i + "]"));
        }
        double thinFileFactor = root.has("thinFileConfidenceFactor")
                ? number(root, "thinFileConfidenceFactor", where)
                : ScorecardModel.THIN_FILE_FACTOR;
        if (thinFileFactor < 0 || thinFileFactor > 1) {
            throw new IllegalArgumentException(
                    where + ": thinFileConfidenceFactor must lie in 0..1, was " + thinFileFactor);
        }
        return new ScorecardModel(
                required(root, "id", where).asString(),
                required(root, "version", where).asString(),
                number(root, "intercept", where),
                characteristics,
                thinFileFactor);
    }

    private static Characteristic characteristic(JsonNode node, String where) {
        String type = required(node, "type", where).asString();
        if (!type.equals("numeric") && !type.equals("categorical")) {
            throw new IllegalArgumentException(where + ": type must be numeric or categorical, was " + type);
        }
        boolean numeric = type.equals("numeric");
        List<Bin> bins = new ArrayList<>();
        JsonNode binNodes = required(node, "bins", where);
        for (int i = 0; i < binNodes.size(); i++) {
            bins.add(bin(binNodes.get(i), numeric, where + ".bins[" + i + "]"));
        }
        JsonNode range = node.path("trainingRange");
        Derivation derivation = node.has("derived") ? derivation(node.get("derived"), where + ".derived") : null;
        return new Characteristic(
                required(node, "input", where).asString(),
                numeric,
                required(node, "reasonCode", where).asString(),
                bins,
                number(required(node, "missing", where), "weight", where + ".missing"),
                range.isArray() ? range.get(0).doubleValue() : null,
                range.isArray() ? range.get(1).doubleValue() : null,
                derivation);
    }

    /** {@code {"ratio": [a, b]}} or {@code {"sameRegion": [country, region], "regionCountries": {...}}}. */
    private static Derivation derivation(JsonNode node, String where) {
        if (node.has("ratio")) {
            JsonNode pair = pair(node.get("ratio"), where + ".ratio");
            return new Derivation.Ratio(pair.get(0).asString(), pair.get(1).asString());
        }
        if (node.has("sameRegion")) {
            JsonNode pair = pair(node.get("sameRegion"), where + ".sameRegion");
            Map<String, Set<String>> regions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.path("regionCountries").properties()) {
                Set<String> countries = new LinkedHashSet<>();
                e.getValue().values().forEach(c -> countries.add(c.asString()));
                regions.put(e.getKey(), countries);
            }
            return new Derivation.SameRegion(pair.get(0).asString(), pair.get(1).asString(), regions);
        }
        throw new IllegalArgumentException(where + ": must name 'ratio' or 'sameRegion'");
    }

    private static JsonNode pair(JsonNode node, String where) {
        if (node == null
                || !node.isArray()
                || node.size() != 2
                || !node.get(0).isString()
                || !node.get(1).isString()) {
            throw new IllegalArgumentException(where + ": must be a list of two input names");
        }
        return node;
    }

    private static Bin bin(JsonNode node, boolean numeric, String where) {
        String reasonCode =
                node.hasNonNull("reasonCode") ? node.get("reasonCode").asString() : null;
        double weight = number(node, "weight", where);
        if (numeric) {
            Double min = node.hasNonNull("min") ? node.get("min").doubleValue() : null;
            Double max = node.hasNonNull("max") ? node.get("max").doubleValue() : null;
            String label = "[" + (min == null ? "" : strip(min)) + ", " + (max == null ? "" : strip(max)) + ")";
            return new Bin(label, min, max, Set.of(), weight, reasonCode);
        }
        Set<String> values = new LinkedHashSet<>();
        required(node, "values", where).values().forEach(v -> values.add(v.asString()));
        return new Bin(String.join("|", values), null, null, values, weight, reasonCode);
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return value;
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode value = required(node, field, where);
        if (!value.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a number");
        }
        return value.doubleValue();
    }

    private static String strip(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
