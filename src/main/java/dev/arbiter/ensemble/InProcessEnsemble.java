package dev.arbiter.ensemble;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelEnsemble;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoringModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks in-process models for every role they are configured for. A model that throws is
 * recorded as an ERROR answer, never dropped, so the rules and the record see the gap.
 */
public final class InProcessEnsemble implements ModelEnsemble {

    private static final Logger log = LoggerFactory.getLogger(InProcessEnsemble.class);

    private final Map<ModelRole, ScoringModel> models;

    public InProcessEnsemble(Map<ModelRole, ScoringModel> models) {
        this.models = Map.copyOf(models);
    }

    @Override
    public List<ModelScore> assess(Application application, Features features) {
        ModelInput input = ModelInput.of(application, features);
        List<ModelScore> scores = new ArrayList<>();
        for (ModelRole role : ModelRole.values()) {
            ScoringModel model = models.get(role);
            if (model != null) {
                scores.add(call(model, input, role));
            }
        }
        return scores;
    }

    private static ModelScore call(ScoringModel model, ModelInput input, ModelRole role) {
        long start = System.nanoTime();
        try {
            return model.score(input, role, "always");
        } catch (RuntimeException e) {
            log.warn("model {} failed: {}", model.id(), e.toString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new ModelScore(role, model.id(), model.version(), "in-process", 1, "always", ModelStatus.ERROR,
                    null, null, List.of(), millis, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }
}
