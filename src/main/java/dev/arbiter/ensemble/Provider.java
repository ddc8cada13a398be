package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import java.util.List;

/**
 * One configured model as the router calls it. A call may make several attempts (retries);
 * each is recorded in the trace as it ends, and the last one is returned.
 */
interface Provider {

    ModelConfig config();

    String version();

    ModelScore call(ModelInput input, ModelRole role, String trigger, DecisionLimits limits, ChainTrace trace);

    /** An answer that was never asked for, with why; latency 0 because no call was made. */
    static ModelScore notCalled(
            Provider p, ModelRole role, String trigger, int attempt, ModelStatus status, String why) {
        return new ModelScore(
                role,
                p.config().id(),
                p.version(),
                p.config().providerRegion(),
                attempt,
                trigger,
                status,
                null,
                null,
                List.of(),
                0,
                Json.error(why));
    }
}
