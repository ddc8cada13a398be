package dev.arbiter.ensemble;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One model as {@code engine/ensemble.yaml} declares it. Scorecards use {@code file};
 * remote models use {@code endpoint}, {@code credentials} and the resilience settings.
 *
 * @param version          for a scorecard, checked against the file's own version when given
 * @param regions          the provider regions that would receive an application; {@code in-process} for scorecards
 * @param signing          key id and version sent with each signed HTTP JSON request (null otherwise)
 * @param chat             chat model name, prompt template and structured-output switch (openai-chat only)
 * @param maxConcurrent    calls to this model allowed in flight at once, across decisions
 * @param costPerCall      charged against a decision's cost budget for every attempt made
 */
public record ModelConfig(
        String id,
        ModelType type,
        String version,
        String file,
        URI endpoint,
        CredentialRef credentials,
        Signing signing,
        Chat chat,
        List<String> regions,
        Duration timeout,
        RetrySettings retry,
        BreakerSettings circuitBreaker,
        int maxConcurrent,
        BigDecimal costPerCall) {

    /** The region name of a provider that runs inside Arbiter and so never sends data anywhere. */
    public static final String IN_PROCESS = "in-process";

    public ModelConfig {
        regions = List.copyOf(regions);
    }

    public boolean inProcess() {
        return !type.remote();
    }

    /** The region written into the record for this provider's answers. */
    public String providerRegion() {
        return inProcess() ? IN_PROCESS : String.join("|", regions);
    }

    /** Key identity for HMAC request signing; the secret itself comes from {@code credentials}. */
    public record Signing(String keyId, int keyVersion) {}

    /** @param promptTemplate a file under the engine directory, or null for the built-in template */
    public record Chat(String model, String promptTemplate, boolean structuredOutput) {}

    /** @param maxAttempts attempts in all, the first included; only transient failures are retried */
    public record RetrySettings(int maxAttempts, Duration backoff) {
        static final RetrySettings NONE = new RetrySettings(1, Duration.ZERO);
    }

    /**
     * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
     * @param window               the number of most recent calls the rate is measured over
     * @param waitInOpen           how long the circuit stays open before letting a trial call through
     */
    public record BreakerSettings(float failureRateThreshold, int window, Duration waitInOpen) {
        static final BreakerSettings DEFAULT = new BreakerSettings(50f, 20, Duration.ofSeconds(30));
    }
}
