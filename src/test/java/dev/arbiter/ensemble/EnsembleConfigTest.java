package dev.arbiter.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.Product;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleConfigTest {

    @TempDir
    Path dir;

    @Test
    void theShippedConfigurationLoadsAndUsesInProcessModelsOnly() {
        EnsembleConfig config = EnsembleConfig.load(Path.of("engine/ensemble.yaml"));

        assertThat(config.deadline()).isEqualTo(Duration.ofMillis(800));
        assertThat(config.chain(ModelRole.PRIMARY)).containsExactly("primary-credit");
        assertThat(config.chain(ModelRole.FRAUD)).containsExactly("device-fraud");
        assertThat(config.chain(ModelRole.SECOND_OPINION)).containsExactly("cash-flow");
        assertThat(config.models().values()).allMatch(ModelConfig::inProcess);
        assertThat(config.dataRegions().get("CN")).containsExactlyInAnyOrder("CN", "HK");
        assertThat(config.secondOpinion()).isEqualTo(new SecondOpinionTrigger(0.8, 0.4, true, 1));
        assertThat(config.contentHash()).hasSize(64);
    }

    @Test
    void aRemoteModelIsReadWithItsResilienceSettings() throws IOException {
        EnsembleConfig config = EnsembleConfig.load(write("""
                version: "t1"
                deadline: 2s
                costBudget: 0.10
                dataRegions: { EU: [EU] }
                roles: { primary: [vendor] }
                models:
                  - id: vendor
                    type: http-json
                    version: "3"
                    endpoint: http://127.0.0.1:9/score
                    credentials: env:VENDOR_KEY
                    keyId: arbiter
                    keyVersion: 2
                    regions: [EU]
                    timeout: 250ms
                    retry: { maxAttempts: 3, backoff: 20ms }
                    circuitBreaker: { failureRateThreshold: 40, window: 10, waitInOpen: 1s }
                    maxConcurrent: 4
                    costPerCall: 0.01
                """));

        ModelConfig vendor = config.model("vendor");
        assertThat(vendor.credentials()).isEqualTo(new CredentialRef(CredentialRef.Kind.ENV, "VENDOR_KEY"));
        assertThat(vendor.signing()).isEqualTo(new ModelConfig.Signing("arbiter", 2));
        assertThat(vendor.retry()).isEqualTo(new ModelConfig.RetrySettings(3, Duration.ofMillis(20)));
        assertThat(vendor.circuitBreaker()).isEqualTo(new ModelConfig.BreakerSettings(40f, 10, Duration.ofSeconds(1)));
        assertThat(vendor.costPerCall()).isEqualByComparingTo(new BigDecimal("0.01"));
        assertThat(config.allows("EU", vendor)).isTrue();
        assertThat(config.allows("CN", vendor)).isFalse();
    }

    @Test
    void everyProblemInTheFileIsReportedAtOnce() throws IOException {
        Path file = write("""
                version: "t1"
                deadline: soon
                costBudget: -1
                secondOpinion: { riskAbove: 1.5, count: 0 }
                roles:
                  primary: [primary-credit, nowhere]
                  fraud: [ghost]
                  judge: [primary-credit]
                models:
                  - id: primary-credit
                    type: scorecard
                  - id: vendor
                    type: http-json
                    apiKey: sk-live-123
                    credentials: hunter2
                    regions: [EU]
                    timeout: 100
                    retry: { maxAttempts: 0 }
                    circuitBreaker: { failureRateThreshold: 150 }
                  - id: llm
                    type: openai-chat
                    version: "1"
                    endpoint: ftp://example.org
                    credentials: env:LLM
                    chatModel: m
                  - id: other
                    type: neural
                  - id: other
                    type: scorecard
                    file: models/x.json
                    endpoint: http://127.0.0.1/
                """);

        assertThatThrownBy(() -> EnsembleConfig.load(file))
                .isInstanceOf(EnsembleConfigException.class)
                .satisfies(e -> assertThat(((EnsembleConfigException) e).problems())
                        .containsExactlyInAnyOrder(
                                "deadline: 'soon' is not a duration such as 800ms, 2s or 1m",
                                "costBudget: must be a number >= 0, was -1",
                                "secondOpinion.riskAbove: must be between 0 and 1, was 1.5",
                                "secondOpinion.count: must be a whole number >= 1, was 0",
                                "models[0](primary-credit).file: required",
                                "models[1](vendor).apiKey: looks like an inline secret; give credentials: env:NAME or file:path instead",
                                "models[1](vendor).version: required",
                                "models[1](vendor).endpoint: required",
                                "models[1](vendor).credentials: must be a reference, env:NAME or file:path, never the secret itself",
                                "models[1](vendor).timeout: '100' is not a duration such as 800ms, 2s or 1m",
                                "models[1](vendor).keyId: required",
                                "models[1](vendor).keyVersion: required",
                                "models[1](vendor).retry.maxAttempts: must be a whole number >= 1, was 0",
                                "models[1](vendor).circuitBreaker.failureRateThreshold: must be a percentage in (0, 100], was 150.0",
                                "models[2](llm).endpoint: 'ftp://example.org' is not an http(s) URL",
                                "models[2](llm).regions: required for a remote model: the regions its provider processes data in",
                                "models[2](llm).timeout: required, e.g. 800ms or 2s",
                                "models[3](other).type: 'neural' is not one of scorecard, http-json, openai-chat",
                                "models[4](other): duplicate model id",
                                "models[4](other).endpoint: applies to remote models only; a scorecard runs in process",
                                "roles.primary: unknown model id 'nowhere'",
                                "roles.fraud: unknown model id 'ghost'",
                                "roles.judge: unknown role; roles are primary, fraud and second-opinion"))
                .hasMessageContaining("23 problem(s)")
                .hasMessageNotContaining("sk-live-123")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aFileWithoutPrimaryModelsIsRejected() throws IOException {
        Path file = write("""
                version: "t1"
                deadline: 1s
                costBudget: 0
                roles: { fraud: [] }
                models: [ { id: a, type: scorecard, file: a.json } ]
                """);

        assertThatThrownBy(() -> EnsembleConfig.load(file))
                .isInstanceOfSatisfying(
                        EnsembleConfigException.class,
                        e -> assertThat(e.problems())
                                .isEqualTo(List.of("roles.primary: required: at least one model")));
    }

    @Test
    void anInProcessModelIsAllowedForEveryDataRegionButARemoteOneOnlyWhereListed() {
        EnsembleConfig config = EnsembleConfig.load(Path.of("engine/ensemble.yaml"));
        ModelConfig hongKong = new ModelConfig(
                "hk",
                ModelType.HTTP_JSON,
                "1",
                null,
                null,
                null,
                null,
                null,
                List.of("HK"),
                Duration.ofSeconds(1),
                ModelConfig.RetrySettings.NONE,
                ModelConfig.BreakerSettings.DEFAULT,
                1,
                BigDecimal.ZERO);

        assertThat(config.allows("BR", config.model("primary-credit"))).isTrue();
        assertThat(config.allows("CN", hongKong)).isTrue();
        assertThat(config.allows("EU", hongKong)).isFalse();
        assertThat(config.allows("BR", hongKong)).isFalse();
    }

    @Test
    void eachProductRoutesToItsOwnModelsAndTheRestToTheDefault() {
        EnsembleConfig config = EnsembleConfig.load(Path.of("engine/ensemble.yaml"));

        assertThat(config.chain(ModelRole.PRIMARY, Product.MORTGAGE)).containsExactly("bureau-score");
        assertThat(config.chain(ModelRole.PRIMARY, Product.PERSONAL_LOAN)).containsExactly("primary-credit");
        assertThat(config.chain(ModelRole.FRAUD, Product.MORTGAGE)).containsExactly("device-fraud");
        assertThat(config.domain("primary-credit").products()).containsExactly(Product.PERSONAL_LOAN);
        assertThat(config.domain("primary-credit").maxAmount()).isEqualByComparingTo("18424");
        assertThat(config.domain("device-fraud")).isEqualTo(ModelDomain.ANY);
    }

    @Test
    void everyProblemWithRoutesAndDomainsIsReported() throws IOException {
        Path file = write("""
                version: "t1"
                deadline: 1s
                costBudget: 0
                roles: { primary: [a] }
                products:
                  YACHT: { primary: [a] }
                  MORTGAGE: { primary: [b] }
                models:
                  - id: a
                    type: scorecard
                    file: a.json
                    domain: { products: [BOAT], amount: [10, 1], colour: red }
                """);

        assertThatThrownBy(() -> EnsembleConfig.load(file))
                .isInstanceOfSatisfying(
                        EnsembleConfigException.class,
                        e -> assertThat(e.problems())
                                .anyMatch(p -> p.contains("products.YACHT") && p.contains("unknown product"))
                                .anyMatch(p -> p.contains("products.MORTGAGE.primary: unknown model id 'b'"))
                                .anyMatch(p -> p.contains("domain.products") && p.contains("BOAT"))
                                .anyMatch(p -> p.contains("domain.amount: min above max"))
                                .anyMatch(p -> p.contains("colour")));
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("ensemble.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
