package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.Product;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The model ensemble as {@code engine/ensemble.yaml} declares it: the models, the failover
 * chain of each role, when a second opinion is asked, and the limits every decision runs under.
 *
 * @param version      the configuration's own version, written into every decision record
 * @param contentHash  SHA-256 of the file's bytes, so a record names the exact configuration
 * @param deadline     for all model work in one decision
 * @param costBudget   the most one decision may spend on model calls
 * @param dataRegions  application data region to the provider regions it may be sent to
 * @param roles        each role's ordered failover chain of model ids: the default route
 * @param routes       per product, the roles whose chains differ from the default route
 * @param domains      per model id, the domain it declares (absent: {@link ModelDomain#ANY})
 */
public record EnsembleConfig(
        String version,
        String contentHash,
        Duration deadline,
        BigDecimal costBudget,
        Map<String, Set<String>> dataRegions,
        SecondOpinionTrigger secondOpinion,
        Map<ModelRole, List<String>> roles,
        Map<String, ModelConfig> models,
        Map<Product, Map<ModelRole, List<String>>> routes,
        Map<String, ModelDomain> domains) {

    public EnsembleConfig {
        // insertion order is the file's order, so problems and listings follow the file
        dataRegions = Collections.unmodifiableMap(new LinkedHashMap<>(dataRegions));
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        domains = Collections.unmodifiableMap(new LinkedHashMap<>(domains));
    }

    /** One route for every product, and no model declaring a domain. */
    public EnsembleConfig(
            String version,
            String contentHash,
            Duration deadline,
            BigDecimal costBudget,
            Map<String, Set<String>> dataRegions,
            SecondOpinionTrigger secondOpinion,
            Map<ModelRole, List<String>> roles,
            Map<String, ModelConfig> models) {
        this(version, contentHash, deadline, costBudget, dataRegions, secondOpinion, roles, models, Map.of(), Map.of());
    }

    /** The chain of a role for one product: the product's own route where it names the role, else the default. */
    public List<String> chain(ModelRole role, Product product) {
        Map<ModelRole, List<String>> route = product == null ? null : routes.get(product);
        if (route != null && route.containsKey(role)) {
            return route.get(role);
        }
        return chain(role);
    }

    public ModelDomain domain(String modelId) {
        return domains.getOrDefault(modelId, ModelDomain.ANY);
    }

    /** Reads and validates a configuration file; throws {@link EnsembleConfigException} listing every problem. */
    public static EnsembleConfig load(Path yaml) {
        return EnsembleConfigReader.read(yaml);
    }

    public List<String> chain(ModelRole role) {
        return roles.getOrDefault(role, List.of());
    }

    public ModelConfig model(String id) {
        return Optional.ofNullable(models.get(id))
                .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in the ensemble configuration"));
    }

    /**
     * Whether an application from {@code dataRegion} may be sent to this provider. In-process
     * models send nothing anywhere and are always allowed; an unlisted data region may use
     * in-process models only.
     */
    public boolean allows(String dataRegion, ModelConfig model) {
        if (model.inProcess()) {
            return true;
        }
        Set<String> allowed = dataRegions.getOrDefault(dataRegion, Set.of());
        return !model.regions().isEmpty() && allowed.containsAll(model.regions());
    }
}
