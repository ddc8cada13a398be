package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoringModel;
import java.util.List;

/** An in-process model: one attempt, no network, so no retry, breaker or region rule applies. */
final class ScorecardProvider implements Provider {

    private final ModelConfig config;
    private final ScoringModel model;

    ScorecardProvider(ModelConfig config, ScoringModel model) {
        this.config = config;
        this.model = model;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public String version() {
        return model.version();
    }

    @Override
    public ModelScore call(ModelInput input, ModelRole role, String trigger, DecisionLimits limits, ChainTrace trace) {
        ModelScore score;
        if (!limits.reserve(config.costPerCall())) {
            score = Provider.notCalled(
                    this,
                    role,
                    trigger,
                    1,
                    ModelStatus.BUDGET_EXHAUSTED,
                    "the call would exceed the decision's cost budget");
        } else {
            trace.begin(config, version(), 1, trigger);
            long started = System.nanoTime();
            try {
                score = model.score(input, role, trigger);
            } catch (RuntimeException e) {
                score = new ModelScore(
                        role,
                        config.id(),
                        version(),
                        ModelConfig.IN_PROCESS,
                        1,
                        trigger,
                        ModelStatus.ERROR,
                        null,
                        null,
                        List.of(),
                        (System.nanoTime() - started) / 1_000_000,
                        Json.error(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        trace.record(score);
        return score;
    }
}
