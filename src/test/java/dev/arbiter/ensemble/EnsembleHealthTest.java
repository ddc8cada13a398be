package dev.arbiter.ensemble;

import static dev.arbiter.decision.TestApplications.thinFileWithHealthyCashFlow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.Application;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class EnsembleHealthTest {

    @TempDir
    Path engine;

    @Test
    void theShippedInProcessEnsembleIsUpWithNoCircuitsToReport() {
        try (RoutedEnsemble shipped = RoutedEnsemble.load(Path.of("engine"), Applicants.CLOCK)) {
            Health health = new EnsembleHealth(shipped).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("version").doesNotContainKey("circuits");
        }
    }

    @Test
    void anOpenSecondOpinionCircuitDegradesTheEnsembleButDoesNotTakeItDown() throws IOException {
        try (RoutedEnsemble ensemble = ensemble("[primary-credit]", "[vendor]")) {
            assertThat(new EnsembleHealth(ensemble).health().getStatus()).isEqualTo(Status.UP);

            ensemble.remoteModels().get("vendor").forceOpen();
            Health health = new EnsembleHealth(ensemble).health();

            assertThat(health.getStatus()).isEqualTo(EnsembleHealth.DEGRADED);
            assertThat(health.getDetails()).containsEntry("circuits", Map.of("vendor", "FORCED_OPEN"));
        }
    }

    @Test
    void aPrimaryChainWhoseEveryCircuitIsOpenIsDown() throws IOException {
        try (RoutedEnsemble ensemble = ensemble("[vendor, primary-credit]", "[]")) {
            ensemble.remoteModels().get("vendor").forceOpen();
            assertThat(new EnsembleHealth(ensemble).health().getStatus())
                    .as("the in-process scorecard still answers")
                    .isEqualTo(EnsembleHealth.DEGRADED);
        }
        try (RoutedEnsemble ensemble = ensemble("[vendor]", "[primary-credit]")) {
            ensemble.remoteModels().get("vendor").forceOpen();
            assertThat(new EnsembleHealth(ensemble).health().getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void modelCallsAndTheResilienceMetersArePublished() throws IOException {
        try (RoutedEnsemble ensemble = ensemble("[primary-credit]", "[vendor]")) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            new EnsembleMetrics(ensemble).bindTo(meters);
            ensemble.remoteModels().get("vendor").forceOpen();

            Application thin = thinFileWithHealthyCashFlow();
            ensemble.assess(thin, Applicants.features(thin));

            assertThat(meters.get("arbiter.model.calls")
                            .tags("model", "primary-credit", "role", "primary", "status", "OK")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("arbiter.model.calls")
                            .tags("model", "vendor", "role", "second_opinion", "status", "CIRCUIT_OPEN")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("resilience4j.circuitbreaker.state")
                            .tags("name", "vendor", "state", "forced_open")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
            assertThat(meters.find("resilience4j.bulkhead.available.concurrent.calls")
                            .tag("name", "vendor")
                            .gauge())
                    .isNotNull();
            assertThat(meters.find("resilience4j.retry.calls")
                            .tag("name", "vendor")
                            .functionCounters())
                    .isNotEmpty();
        }
    }

    /** Never called over the network: the tests open its circuit by hand or it is not reached. */
    private RoutedEnsemble ensemble(String primary, String secondOpinion) throws IOException {
        Files.copy(
                Path.of("engine/models/primary-credit.json"),
                engine.resolve("primary.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(engine.resolve("ensemble.yaml"), """
                version: "t"
                deadline: 500ms
                costBudget: 1
                dataRegions: { EU: [EU], US: [EU] }
                secondOpinion: { thinFile: true }
                roles: { primary: %s, second-opinion: %s }
                models:
                  - { id: primary-credit, type: scorecard, file: primary.json }
                  - { id: vendor, type: http-json, version: "1", endpoint: "http://127.0.0.1:9/v1/score", credentials: env:KEY, keyId: arbiter, keyVersion: 1, regions: [EU], timeout: 1s }
                """.formatted(primary, secondOpinion));
        return RoutedEnsemble.from(
                EnsembleConfig.load(engine.resolve("ensemble.yaml")),
                engine,
                Applicants.CLOCK,
                name -> "a-test-secret-of-enough-length-0123456789");
    }
}
