package dev.arbiter.rules;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every threshold of a ruleset, read from its {@code parameters.json}. Rules read numbers by
 * dotted path ({@code $p.num("affordability.maxDebtToIncome")}) so no threshold is ever
 * written into a rule; the compiler checks each path a rule names exists.
 */
public final class Parameters {

    static final String FILE = "parameters.json";

    private final String version;
    private final Map<String, BigDecimal> numbers;
    private final Map<String, RiskBand> bands;

    private Parameters(String version, Map<String, BigDecimal> numbers, Map<String, RiskBand> bands) {
        this.version = version;
        this.numbers = Map.copyOf(numbers);
        this.bands = Map.copyOf(bands);
    }

    public String version() {
        return version;
    }

    public double num(String path) {
        return amount(path).doubleValue();
    }

    public int count(String path) {
        return amount(path).intValueExact();
    }

    public BigDecimal amount(String path) {
        BigDecimal value = numbers.get(path);
        if (value == null) {
            throw new IllegalArgumentException("no parameter " + path + " in " + FILE);
        }
        return value;
    }

    public RiskBand band(String name) {
        RiskBand band = bands.get(name);
        if (band == null) {
            throw new IllegalArgumentException("no risk band " + name + " in " + FILE);
        }
        return band;
    }

    boolean hasNumber(String path) {
        return numbers.containsKey(path);
    }

    Set<String> bandNames() {
        return bands.keySet();
    }

    /**
     * Parses {@code parameters.json}: numeric leaves become dotted paths, and each entry of
     * {@code risk.bands} a {@link RiskBand} ({@code maxRisk}, {@code apr}, {@code incomeMultiple},
     * with {@code risk.limitStep} shared).
     *
     * @throws IllegalArgumentException saying what is missing or malformed
     */
    static Parameters parse(byte[] json) {
        JsonNode root;
        try {
            root = JsonMapper.builder()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .build()
                    .readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        Map<String, BigDecimal> numbers = new TreeMap<>();
        flatten("", root, numbers);
        String version = root.path("version").asString("");
        if (version.isBlank()) {
            throw new IllegalArgumentException("needs a \"version\"");
        }
        Map<String, RiskBand> bands = new TreeMap<>();
        JsonNode bandNodes = root.path("risk").path("bands");
        for (var entry : bandNodes.properties()) {
            String prefix = "risk.bands." + entry.getKey() + ".";
            bands.put(
                    entry.getKey(),
                    new RiskBand(
                            entry.getKey(),
                            required(numbers, prefix + "maxRisk").doubleValue(),
                            required(numbers, prefix + "apr"),
                            required(numbers, prefix + "incomeMultiple"),
                            required(numbers, "risk.limitStep")));
        }
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("needs at least one band under risk.bands");
        }
        if (required(numbers, "risk.limitStep").signum() <= 0) {
            throw new IllegalArgumentException("risk.limitStep must be positive");
        }
        return new Parameters(version, numbers, bands);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, BigDecimal> into) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), into);
            }
        } else if (node.isNumber()) {
            into.put(prefix, node.decimalValue());
        }
    }

    private static BigDecimal required(Map<String, BigDecimal> numbers, String path) {
        BigDecimal value = numbers.get(path);
        if (value == null) {
            throw new IllegalArgumentException("missing number " + path);
        }
        return value;
    }
}
