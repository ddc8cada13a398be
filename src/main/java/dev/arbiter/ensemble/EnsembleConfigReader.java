package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.Product;
import dev.arbiter.hashing.Digests;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code engine/ensemble.yaml} field by field rather than by data binding, so that one
 * pass reports every problem with its path (e.g. {@code models[2].timeout}), not only the first.
 */
final class EnsembleConfigReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");
    private static final Set<String> TOP_LEVEL =
            Set.of("version", "deadline", "costBudget", "dataRegions", "secondOpinion", "roles", "products", "models");
    private static final Set<String> MODEL_FIELDS = Set.of(
            "id",
            "type",
            "version",
            "file",
            "endpoint",
            "credentials",
            "keyId",
            "keyVersion",
            "chatModel",
            "promptTemplate",
            "structuredOutput",
            "regions",
            "timeout",
            "retry",
            "circuitBreaker",
            "maxConcurrent",
            "costPerCall",
            "domain");
    /** Field names that suggest a secret was pasted into the file instead of referenced. */
    private static final Set<String> SECRET_NAMES =
            Set.of("apikey", "api_key", "secret", "password", "token", "key", "bearer", "hmackey");

    private static final Map<String, ModelRole> ROLE_NAMES =
            Map.of("primary", ModelRole.PRIMARY, "fraud", ModelRole.FRAUD, "second-opinion", ModelRole.SECOND_OPINION);

    private final List<String> problems = new ArrayList<>();

    private EnsembleConfigReader() {}

    static EnsembleConfig read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EnsembleConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (JacksonException e) {
            throw new EnsembleConfigException(file.toString(), List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        EnsembleConfigReader reader = new EnsembleConfigReader();
        EnsembleConfig config = reader.config(root, Digests.sha256Hex(bytes));
        if (!reader.problems.isEmpty()) {
            throw new EnsembleConfigException(file.toString(), reader.problems);
        }
        return config;
    }

    private EnsembleConfig config(JsonNode root, String hash) {
        if (root == null || !root.isObject()) {
            problem("", "the file must be a mapping with models, roles, deadline and costBudget");
            return null;
        }
        unknownFields(root, TOP_LEVEL, "");
        String version = string(root, "version", "", true);
        Duration deadline = duration(root, "deadline", "", null);
        BigDecimal budget = decimal(root, "costBudget", "", null);
        Map<String, Set<String>> regions = dataRegions(root.get("dataRegions"));
        SecondOpinionTrigger trigger = trigger(root.get("secondOpinion"));
        Map<String, ModelConfig> models = models(root.get("models"));
        Map<ModelRole, List<String>> roles = roles(root.get("roles"), models.keySet());
        Map<Product, Map<ModelRole, List<String>>> routes = routes(root.get("products"), models.keySet());
        Map<String, ModelDomain> domains = domains(root.get("models"));
        if (!problems.isEmpty()) {
            return null;
        }
        return new EnsembleConfig(version, hash, deadline, budget, regions, trigger, roles, models, routes, domains);
    }

    /** {@code products}: per product, the role chains that differ from {@code roles} (the default route). */
    private Map<Product, Map<ModelRole, List<String>>> routes(JsonNode node, Set<String> modelIds) {
        Map<Product, Map<ModelRole, List<String>>> routes = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return routes;
        }
        if (!node.isObject()) {
            problem("products", "must map products to their roles, e.g. MORTGAGE: { primary: [bureau-score] }");
            return routes;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Product product = Arrays.stream(Product.values())
                    .filter(p -> p.name().equals(e.getKey()))
                    .findFirst()
                    .orElse(null);
            if (product == null) {
                problem("products." + e.getKey(), "unknown product; products are " + List.of(Product.values()));
                continue;
            }
            if (!e.getValue().isObject()) {
                problem("products." + e.getKey(), "must map roles to lists of model ids");
                continue;
            }
            Map<ModelRole, List<String>> route = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> r : e.getValue().properties()) {
                String path = "products." + e.getKey() + "." + r.getKey();
                ModelRole role = ROLE_NAMES.get(r.getKey());
                if (role == null) {
                    problem(path, "unknown role; roles are primary, fraud and second-opinion");
                    continue;
                }
                List<String> chain = strings(r.getValue(), path);
                for (String id : chain) {
                    if (!modelIds.contains(id)) {
                        problem(path, "unknown model id '" + id + "'");
                    }
                }
                if (role == ModelRole.PRIMARY && chain.isEmpty()) {
                    problem(path, "required: at least one model");
                }
                route.put(role, chain);
            }
            routes.put(product, route);
        }
        return routes;
    }

    /** Each model's {@code domain}: products, currencies, amount and term ranges, required inputs. */
    private Map<String, ModelDomain> domains(JsonNode models) {
        Map<String, ModelDomain> domains = new LinkedHashMap<>();
        if (models == null || !models.isArray()) {
            return domains;
        }
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            JsonNode d = m.get("domain");
            if (d == null || d.isNull() || !m.has("id")) {
                continue;
            }
            String path = "models[" + i + "](" + m.get("id").asString() + ").domain";
            if (!d.isObject()) {
                problem(path, "must be a mapping of products, currencies, amount, termMonths, requires");
                continue;
            }
            unknownFields(d, Set.of("products", "currencies", "amount", "termMonths", "requires"), path);
            Set<Product> products = new LinkedHashSet<>();
            if (d.has("products")) {
                for (String name : strings(d.get("products"), path + ".products")) {
                    Arrays.stream(Product.values())
                            .filter(p -> p.name().equals(name))
                            .findFirst()
                            .ifPresentOrElse(
                                    products::add, () -> problem(path + ".products", "unknown product " + name));
                }
            }
            Set<String> currencies = new LinkedHashSet<>(
                    d.has("currencies") ? strings(d.get("currencies"), path + ".currencies") : List.of());
            BigDecimal[] amount = range(d.get("amount"), path + ".amount");
            BigDecimal[] term = range(d.get("termMonths"), path + ".termMonths");
            List<String> requires = d.has("requires") ? strings(d.get("requires"), path + ".requires") : List.of();
            domains.put(
                    m.get("id").asString(),
                    new ModelDomain(
                            products,
                            currencies,
                            amount[0],
                            amount[1],
                            term[0] == null ? null : term[0].intValue(),
                            term[1] == null ? null : term[1].intValue(),
                            requires));
        }
        return domains;
    }

    /** {@code [min, max]}, either may be null; both null when absent. */
    private BigDecimal[] range(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return new BigDecimal[2];
        }
        if (!node.isArray() || node.size() != 2) {
            problem(path, "must be [min, max] (null for an open end)");
            return new BigDecimal[2];
        }
        BigDecimal[] bounds = new BigDecimal[2];
        for (int i = 0; i < 2; i++) {
            JsonNode v = node.get(i);
            if (v.isNumber()) {
                bounds[i] = v.decimalValue();
            } else if (!v.isNull()) {
                problem(path, "'" + v + "' is not a number or null");
            }
        }
        if (bounds[0] != null && bounds[1] != null && bounds[0].compareTo(bounds[1]) > 0) {
            problem(path, "min above max");
        }
        return bounds;
    }

    private Map<String, Set<String>> dataRegions(JsonNode node) {
        Map<String, Set<String>> regions = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return regions;
        }
        if (!node.isObject()) {
            problem("dataRegions", "must map each application data region to a list of provider regions");
            return regions;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            regions.put(e.getKey(), new LinkedHashSet<>(strings(e.getValue(), "dataRegions." + e.getKey())));
        }
        return regions;
    }

    private SecondOpinionTrigger trigger(JsonNode node) {
        SecondOpinionTrigger d = SecondOpinionTrigger.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        unknownFields(node, Set.of("riskAbove", "confidenceBelow", "thinFile", "count"), "secondOpinion");
        double risk = fraction(node, "riskAbove", "secondOpinion", d.riskAbove());
        double confidence = fraction(node, "confidenceBelow", "secondOpinion", d.confidenceBelow());
        boolean thinFile = bool(node, "thinFile", "secondOpinion", d.thinFile());
        int count = integer(node, "count", "secondOpinion", d.count(), 1);
        return new SecondOpinionTrigger(risk, confidence, thinFile, count);
    }

    private Map<ModelRole, List<String>> roles(JsonNode node, Set<String> modelIds) {
        Map<ModelRole, List<String>> roles = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            problem("roles", "required: a mapping of primary, fraud and second-opinion to lists of model ids");
            return roles;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            ModelRole role = ROLE_NAMES.get(e.getKey());
            String path = "roles." + e.getKey();
            if (role == null) {
                problem(path, "unknown role; roles are primary, fraud and second-opinion");
                continue;
            }
            List<String> chain = strings(e.getValue(), path);
            for (String id : chain) {
                if (!modelIds.contains(id)) {
                    problem(path, "unknown model id '" + id + "'");
                }
            }
            if (new LinkedHashSet<>(chain).size() != chain.size()) {
                problem(path, "a model appears twice in the chain");
            }
            roles.put(role, chain);
        }
        if (roles.getOrDefault(ModelRole.PRIMARY, List.of()).isEmpty()) {
            problem("roles.primary", "required: at least one model");
        }
        return roles;
    }

    private Map<String, ModelConfig> models(JsonNode node) {
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problem("models", "required: a non-empty list of models");
            return models;
        }
        for (int i = 0; i < node.size(); i++) {
            String path = "models[" + i + "]";
            JsonNode m = node.get(i);
            if (!m.isObject()) {
                problem(path, "must be a mapping");
                continue;
            }
            String id = string(m, "id", path, true);
            if (id != null) {
                path = path + "(" + id + ")";
                if (!seen.add(id)) {
                    problem(path, "duplicate model id");
                }
            }
            ModelConfig model = model(m, path, id);
            if (id != null && model != null) {
                models.putIfAbsent(id, model);
            }
        }
        return models;
    }

    private ModelConfig model(JsonNode m, String path, String id) {
        inlineSecrets(m, path);
        unknownFields(m, MODEL_FIELDS, path);
        String typeName = string(m, "type", path, true);
        ModelType type =
                typeName == null ? null : ModelType.fromConfig(typeName).orElse(null);
        if (typeName != null && type == null) {
            problem(path + ".type", "'" + typeName + "' is not one of scorecard, http-json, openai-chat");
        }
        String version = string(m, "version", path, type != null && type.remote());
        int maxConcurrent = integer(m, "maxConcurrent", path, 16, 1);
        BigDecimal cost = decimal(m, "costPerCall", path, BigDecimal.ZERO);
        if (type == null) {
            return null;
        }
        if (!type.remote()) {
            String file = string(m, "file", path, true);
            for (String remoteOnly : List.of("endpoint", "credentials", "regions", "retry", "circuitBreaker")) {
                if (m.has(remoteOnly)) {
                    problem(path + "." + remoteOnly, "applies to remote models only; a scorecard runs in process");
                }
            }
            return new ModelConfig(
                    id,
                    type,
                    version,
                    file,
                    null,
                    null,
                    null,
                    null,
                    List.of(ModelConfig.IN_PROCESS),
                    null,
                    ModelConfig.RetrySettings.NONE,
                    ModelConfig.BreakerSettings.DEFAULT,
                    maxConcurrent,
                    cost);
        }
        if (m.has("file")) {
            problem(path + ".file", "applies to scorecards only; a remote model needs an endpoint");
        }
        URI endpoint = endpoint(m, path);
        CredentialRef credentials = credentials(m, path);
        List<String> regions = m.has("regions") ? strings(m.get("regions"), path + ".regions") : List.of();
        if (regions.isEmpty()) {
            problem(path + ".regions", "required for a remote model: the regions its provider processes data in");
        } else if (regions.contains(ModelConfig.IN_PROCESS)) {
            problem(path + ".regions", "a remote model cannot claim the in-process region");
        }
        Duration timeout = duration(m, "timeout", path, null);
        ModelConfig.Signing signing = null;
        ModelConfig.Chat chat = null;
        if (type == ModelType.HTTP_JSON) {
            signing = new ModelConfig.Signing(string(m, "keyId", path, true), integer(m, "keyVersion", path, null, 1));
        } else {
            chat = new ModelConfig.Chat(
                    string(m, "chatModel", path, true),
                    string(m, "promptTemplate", path, false),
                    bool(m, "structuredOutput", path, true));
        }
        return new ModelConfig(
                id,
                type,
                version,
                null,
                endpoint,
                credentials,
                signing,
                chat,
                regions,
                timeout,
                retry(m.get("retry"), path + ".retry"),
                breaker(m.get("circuitBreaker"), path + ".circuitBreaker"),
                maxConcurrent,
                cost);
    }

    private URI endpoint(JsonNode m, String path) {
        String value = string(m, "endpoint", path, true);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problem(path + ".endpoint", "'" + value + "' is not an http(s) URL");
                return null;
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null) {
                problem(path + ".endpoint", "must not carry credentials or a query string; use credentials: env:NAME");
            }
            return uri;
        } catch (URISyntaxException e) {
            problem(path + ".endpoint", "'" + value + "' is not a URL: " + e.getReason());
            return null;
        }
    }

    private CredentialRef credentials(JsonNode m, String path) {
        String value = string(m, "credentials", path, true);
        if (value == null) {
            return null;
        }
        return CredentialRef.parse(value).orElseGet(() -> {
            problem(path + ".credentials", "must be a reference, env:NAME or file:path, never the secret itself");
            return null;
        });
    }

    private ModelConfig.RetrySettings retry(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return ModelConfig.RetrySettings.NONE;
        }
        unknownFields(node, Set.of("maxAttempts", "backoff"), path);
        return new ModelConfig.RetrySettings(
                integer(node, "maxAttempts", path, 1, 1), duration(node, "backoff", path, Duration.ofMillis(100)));
    }

    private ModelConfig.BreakerSettings breaker(JsonNode node, String path) {
        ModelConfig.BreakerSettings d = ModelConfig.BreakerSettings.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        unknownFields(node, Set.of("failureRateThreshold", "window", "waitInOpen"), path);
        double rate = number(node, "failureRateThreshold", path, (double) d.failureRateThreshold());
        if (rate <= 0 || rate > 100) {
            problem(path + ".failureRateThreshold", "must be a percentage in (0, 100], was " + rate);
        }
        return new ModelConfig.BreakerSettings(
                (float) rate,
                integer(node, "window", path, d.window(), 1),
                duration(node, "waitInOpen", path, d.waitInOpen()));
    }

    private void inlineSecrets(JsonNode m, String path) {
        for (String name : m.propertyNames()) {
            if (SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                problem(
                        path + "." + name,
                        "looks like an inline secret; give credentials: env:NAME or file:path instead");
            }
        }
    }

    private void unknownFields(JsonNode node, Set<String> known, String path) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name) && !SECRET_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
                problem(join(path, name), "unknown field");
            }
        }
    }

    private String string(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(join(path, field), "required");
            }
            return null;
        }
        if (!v.isString() || v.stringValue().isBlank()) {
            problem(join(path, field), "must be a non-empty string");
            return null;
        }
        return v.stringValue();
    }

    private List<String> strings(JsonNode node, String path) {
        List<String> values = new ArrayList<>();
        if (node == null || !node.isArray()) {
            problem(path, "must be a list of strings");
            return values;
        }
        for (JsonNode v : node) {
            if (v.isString() && !v.stringValue().isBlank()) {
                values.add(v.stringValue());
            } else {
                problem(path, "'" + v + "' is not a non-empty string");
            }
        }
        return values;
    }

    private Duration duration(JsonNode node, String field, String path, Duration fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problem(join(path, field), "required, e.g. 800ms or 2s");
            }
            return fallback;
        }
        Matcher m = v.isString() ? DURATION.matcher(v.stringValue().strip()) : null;
        if (m == null || !m.matches()) {
            problem(join(path, field), "'" + v.asString() + "' is not a duration such as 800ms, 2s or 1m");
            return fallback;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (d.isZero()) {
            problem(join(path, field), "must be longer than zero");
        }
        return d;
    }

    private BigDecimal decimal(JsonNode node, String field, String path, BigDecimal fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problem(join(path, field), "required");
            }
            return fallback;
        }
        if (!v.isNumber() || v.decimalValue().signum() < 0) {
            problem(join(path, field), "must be a number >= 0, was " + v);
            return fallback;
        }
        return v.decimalValue();
    }

    private double number(JsonNode node, String field, String path, double fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            problem(join(path, field), "must be a number, was " + v);
            return fallback;
        }
        return v.doubleValue();
    }

    private double fraction(JsonNode node, String field, String path, double fallback) {
        double value = number(node, field, path, fallback);
        if (value < 0 || value > 1) {
            problem(join(path, field), "must be between 0 and 1, was " + value);
        }
        return value;
    }

    private int integer(JsonNode node, String field, String path, Integer fallback, int min) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                problem(join(path, field), "required");
                return min;
            }
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
            problem(join(path, field), "must be a whole number >= " + min + ", was " + v);
            return fallback == null ? min : fallback;
        }
        return v.intValue();
    }

    private boolean bool(JsonNode node, String field, String path, boolean fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(join(path, field), "must be true or false, was " + v);
            return fallback;
        }
        return v.booleanValue();
    }

    private void problem(String path, String message) {
        problems.add(path.isEmpty() ? message : path + ": " + message);
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
