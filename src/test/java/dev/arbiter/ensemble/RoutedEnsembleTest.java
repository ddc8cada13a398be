package dev.arbiter.ensemble;

import static dev.arbiter.decision.TestApplications.like;
import static dev.arbiter.decision.TestApplications.steadyEmployedRenter;
import static dev.arbiter.decision.TestApplications.thinFileWithHealthyCashFlow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutedEnsembleTest {

    private final RoutedEnsemble shipped = RoutedEnsemble.load(Path.of("engine"), Applicants.CLOCK);

    @AfterEach
    void close() {
        shipped.close();
    }

    @Test
    void anEnsembleOfInProcessModelsAnswersOnTheCallersThread() {
        assess(shipped, steadyEmployedRenter());
        assess(shipped, thinFileWithHealthyCashFlow());

        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith(shipped.threadPrefix()));
    }

    @Test
    void aConfidentPrimaryAnswerAsksNoSecondOpinion() {
        List<ModelScore> scores = assess(shipped, steadyEmployedRenter());

        assertThat(scores)
                .extracting(ModelScore::role, ModelScore::modelId, ModelScore::trigger, ModelScore::status)
                .containsExactly(
                        tuple(ModelRole.PRIMARY, "primary-credit", "always", ModelStatus.OK),
                        tuple(ModelRole.FRAUD, "device-fraud", "always", ModelStatus.OK));
        assertThat(scores).allMatch(s -> s.providerRegion().equals("in-process") && s.attempt() == 1);
    }

    @Test
    void aThinFileApplicantGetsTheCashFlowSecondOpinionAndTheRecordSaysWhy() {
        List<ModelScore> scores = assess(shipped, thinFileWithHealthyCashFlow());

        ModelScore second = scores.stream()
                .filter(s -> s.role() == ModelRole.SECOND_OPINION)
                .findFirst()
                .orElseThrow();
        assertThat(second.modelId()).isEqualTo("cash-flow");
        assertThat(second.status()).isEqualTo(ModelStatus.OK);
        assertThat(second.trigger()).isIn("thin-file", "primary-unsure:confidence<0.4");
        assertThat(second.risk()).isLessThan(0.1);
    }

    @Test
    void inProcessModelsServeEveryDataRegion() {
        List<ModelScore> scores =
                assess(shipped, like(steadyEmployedRenter()).region("CN").build());

        assertThat(scores).allMatch(ModelScore::ok);
    }

    @Test
    void aScorecardWhoseCostExceedsTheBudgetIsNotCalled(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("engine/models/primary-credit.json"), dir.resolve("primary.json"));
        Files.writeString(dir.resolve("ensemble.yaml"), """
                version: "t"
                deadline: 500ms
                costBudget: 0.01
                roles: { primary: [primary-credit] }
                models: [ { id: primary-credit, type: scorecard, file: primary.json, costPerCall: 0.02 } ]
                """);
        try (RoutedEnsemble ensemble = RoutedEnsemble.load(dir, Applicants.CLOCK)) {
            assertThat(assess(ensemble, steadyEmployedRenter()))
                    .extracting(ModelScore::status)
                    .containsExactly(ModelStatus.BUDGET_EXHAUSTED);
        }
    }

    @Test
    void aModelFileThatDoesNotMatchItsConfigurationStopsTheStart(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("engine/models/primary-credit.json"), dir.resolve("primary.json"));
        Files.writeString(dir.resolve("ensemble.yaml"), """
                version: "t"
                deadline: 500ms
                costBudget: 0
                roles: { primary: [primary-credit, fraud] }
                models:
                  - { id: primary-credit, type: scorecard, file: primary.json, version: "9.9.9" }
                  - { id: fraud, type: scorecard, file: primary.json }
                """);

        assertThatThrownBy(() -> RoutedEnsemble.load(dir, Applicants.CLOCK))
                .isInstanceOfSatisfying(
                        EnsembleConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "models(primary-credit): version 9.9.9 configured but primary.json is version 1.0.0",
                                        "models(fraud): file primary.json holds model 'primary-credit'"));
    }

    private static List<ModelScore> assess(RoutedEnsemble ensemble, Application application) {
        return ensemble.assess(application, Applicants.features(application));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
