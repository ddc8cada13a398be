package dev.arbiter.rules;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Product;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every threshold of a ruleset, read from its {@code parameters.json}. Rules read numbers by
 * dotted path ({@code $p.num("affordability.maxDebtToIncome")}) so no threshold is ever
 * written into a rule; the compiler checks each path a rule names exists.
 *
 * <p>Products own their policy: beside the shared defaults the file may hold {@code products}
 * (by product), {@code markets} (by currency) and {@code productMarkets} (by
 * {@code PRODUCT/CURRENCY}) overrides; the rules of one decision see the defaults overlaid in
 * that order ({@code docs/policy.md}).
 */
public final class Parameters {

    static final String FILE = "parameters.json";

    /** The sections that hold overrides rather than shared defaults. */
    static final String PRODUCTS = "products";

    static final String MARKETS = "markets";
    static final String PRODUCT_MARKETS = "productMarkets";

    private final String version;
    private final Map<String, BigDecimal> numbers;
    private final Map<String, RiskBand> bands;
    /** Override layers by key: a product name, a market (currency) code, or {@code PRODUCT/CURRENCY}. */
    private final Map<String, Map<String, BigDecimal>> products;

    private final Map<String, Map<String, BigDecimal>> markets;
    private final Map<String, Map<String, BigDecimal>> productMarkets;
    private final Map<String, Parameters> resolved = new ConcurrentHashMap<>();
    /** What this set is resolved for, e.g. {@code MORTGAGE/USD}; empty for the shared defaults. */
    private final String scope;

    private Parameters(String version, Map<String, BigDecimal> numbers, Map<String, RiskBand> bands) {
        this(version, numbers, bands, Map.of(), Map.of(), Map.of(), "");
    }

    private Parameters(
            String version,
            Map<String, BigDecimal> numbers,
            Map<String, RiskBand> bands,
            Map<String, Map<String, BigDecimal>> products,
            Map<String, Map<String, BigDecimal>> markets,
            Map<String, Map<String, BigDecimal>> productMarkets,
            String scope) {
        this.version = version;
        this.numbers = Map.copyOf(numbers);
        this.bands = Map.copyOf(bands);
        this.products = Map.copyOf(products);
        this.markets = Map.copyOf(markets);
        this.productMarkets = Map.copyOf(productMarkets);
        this.scope = scope;
    }

    /**
     * The parameters for one application: the shared defaults, then its product's overrides,
     * then its market's (its currency), then the product-in-market's. Rules see only the result.
     */
    Parameters resolve(Application application) {
        if (products.isEmpty() && markets.isEmpty() && productMarkets.isEmpty()) {
            return this;
        }
        String product =
                application.product() == null ? "" : application.product().name();
        String market = application.currency() == null ? "" : application.currency();
        return resolved.computeIfAbsent(product + "/" + market, key -> {
            Map<String, BigDecimal> merged = new TreeMap<>(numbers);
            merged.putAll(products.getOrDefault(product, Map.of()));
            merged.putAll(markets.getOrDefault(market, Map.of()));
            merged.putAll(productMarkets.getOrDefault(key, Map.of()));
            return new Parameters(version, merged, bands(merged), Map.of(), Map.of(), Map.of(), key);
        });
    }

    /** The product and market these parameters were resolved for ({@code PRODUCT/CURRENCY}), empty for the defaults. */
    String scope() {
        return scope;
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
        for (var entry : root.properties()) {
            if (!Set.of(PRODUCTS, MARKETS, PRODUCT_MARKETS).contains(entry.getKey())) {
                flatten(entry.getKey(), entry.getValue(), numbers);
            }
        }
        String version = root.path("version").asString("");
        if (version.isBlank()) {
            throw new IllegalArgumentException("needs a \"version\"");
        }
        Map<String, RiskBand> bands = bands(numbers);
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("needs at least one band under risk.bands");
        }
        var products = layers(root, PRODUCTS, numbers);
        var markets = layers(root, MARKETS, numbers);
        var productMarkets = layers(root, PRODUCT_MARKETS, numbers);
        for (String key : products.keySet()) {
            product(key, PRODUCTS + "." + key);
        }
        for (String key : markets.keySet()) {
            market(key, MARKETS + "." + key);
        }
        for (String key : productMarkets.keySet()) {
            String[] parts = key.split("/", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException(
                        PRODUCT_MARKETS + "." + key + ": a key is PRODUCT/CURRENCY, e.g. MORTGAGE/USD");
            }
            product(parts[0], PRODUCT_MARKETS + "." + key);
            market(parts[1], PRODUCT_MARKETS + "." + key);
        }
        Parameters parsed = new Parameters(version, numbers, bands, products, markets, productMarkets, "");
        // every combination must still make a valid set (a positive limit step, complete bands)
        for (String product : products.isEmpty() ? Set.of("") : products.keySet()) {
            for (String market : markets.isEmpty() ? Set.of("") : markets.keySet()) {
                Map<String, BigDecimal> merged = new TreeMap<>(numbers);
                merged.putAll(products.getOrDefault(product, Map.of()));
                merged.putAll(markets.getOrDefault(market, Map.of()));
                bands(merged);
            }
        }
        productMarkets.forEach((key, layer) -> {
            String[] parts = key.split("/");
            Map<String, BigDecimal> merged = new TreeMap<>(numbers);
            merged.putAll(products.getOrDefault(parts[0], Map.of()));
            merged.putAll(markets.getOrDefault(parts[1], Map.of()));
            merged.putAll(layer);
            bands(merged);
        });
        return parsed;
    }

    private static Map<String, RiskBand> bands(Map<String, BigDecimal> numbers) {
        Map<String, RiskBand> bands = new TreeMap<>();
        for (String path : numbers.keySet()) {
            if (path.startsWith("risk.bands.") && path.endsWith(".maxRisk")) {
                String name = path.substring("risk.bands.".length(), path.length() - ".maxRisk".length());
                String prefix = "risk.bands." + name + ".";
                bands.put(
                        name,
                        new RiskBand(
                                name,
                                required(numbers, prefix + "maxRisk").doubleValue(),
                                required(numbers, prefix + "apr"),
                                required(numbers, prefix + "incomeMultiple"),
                                required(numbers, "risk.limitStep")));
            }
        }
        if (required(numbers, "risk.limitStep").signum() <= 0) {
            throw new IllegalArgumentException("risk.limitStep must be positive");
        }
        return bands;
    }

    /**
     * One override section: each key's numbers, every one of which must override a shared
     * default (so a rule that names a path is checked once, against the defaults).
     */
    private static Map<String, Map<String, BigDecimal>> layers(
            JsonNode root, String section, Map<String, BigDecimal> defaults) {
        JsonNode node = root.path(section);
        Map<String, Map<String, BigDecimal>> layers = new TreeMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return layers;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(section + " must be an object of overrides by key");
        }
        for (var entry : node.properties()) {
            Map<String, BigDecimal> layer = new TreeMap<>();
            flatten("", entry.getValue(), layer);
            for (String path : layer.keySet()) {
                if (!defaults.containsKey(path)) {
                    throw new IllegalArgumentException(section + "." + entry.getKey() + "." + path
                            + " overrides no shared default; add " + path + " to the defaults first");
                }
            }
            layers.put(entry.getKey(), layer);
        }
        return layers;
    }

    private static void product(String name, String where) {
        try {
            Product.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + ": " + name + " is not a product; products are " + List.of(Product.values()));
        }
    }

    private static void market(String code, String where) {
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException(where + ": a market is an ISO 4217 currency code, e.g. USD");
        }
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
