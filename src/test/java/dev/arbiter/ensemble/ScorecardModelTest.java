package dev.arbiter.ensemble;

import static dev.arbiter.decision.TestApplications.like;
import static dev.arbiter.decision.TestApplications.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.decision.Applicant;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Attributes;
import dev.arbiter.decision.CreditFile;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Housing;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.ScoreFactor;
import dev.arbiter.decision.ThinFileDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ScorecardModelTest {

    private static final Path SHIPPED = Path.of("engine/models/primary-credit.json");
    private static final FeatureDeriver DERIVER = new FeatureDeriver(
            ThinFileDefinition.DEFAULT, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

    private final ScorecardModel model = ScorecardModel.load(SHIPPED);

    @Test
    void loadsTheShippedScorecard() {
        assertThat(model.id()).isEqualTo("primary-credit");
        assertThat(model.version()).isEqualTo("1.0.0");
    }

    @Test
    void aClearlyGoodApplicantScoresLowerRiskThanAClearlyBadOne() {
        ModelScore good = score(clearlyGoodApplicant());
        ModelScore bad = score(clearlyBadApplicant());

        assertThat(good.status()).isEqualTo(ModelStatus.OK);
        assertThat(good.risk()).isLessThan(0.15);
        assertThat(bad.risk()).isGreaterThan(0.7);
    }

    @Test
    void missingInputsLowerConfidence() {
        Application complete = clearlyGoodApplicant();
        Application withoutBankAttributes =
                like(complete).attributes(Attributes.NONE).build();

        assertThat(score(complete).confidence()).isEqualTo(1.0);
        assertThat(score(withoutBankAttributes).confidence()).isLessThan(0.8);
    }

    @Test
    void aTermLongerThanAnyInTrainingLowersConfidence() {
        Application longTerm = like(clearlyGoodApplicant()).term(120).build();

        assertThat(score(longTerm).confidence()).isLessThan(1.0).isGreaterThan(0.8);
    }

    @Test
    void aThinFileApplicantGetsHalfTheConfidence() {
        Application thick = clearlyGoodApplicant();
        Application thin = like(thick)
                .creditFile(new CreditFile(60, 1, 0, 0, 0, BigDecimal.ZERO, null))
                .build();

        assertThat(score(thin).confidence()).isEqualTo(score(thick).confidence() * 0.5);
    }

    @Test
    void factorsArePositiveContributionsLargestFirstWithReasonCodes() {
        var factors = score(clearlyBadApplicant()).factors();

        assertThat(factors).hasSize(ScorecardModel.MAX_FACTORS);
        assertThat(factors).allSatisfy(f -> {
            assertThat(f.contribution()).isPositive();
            assertThat(f.reasonCode()).startsWith("R-");
        });
        assertThat(factors)
                .isSortedAccordingTo(
                        Comparator.comparingDouble(ScoreFactor::contribution).reversed());
    }

    @Test
    void aClearlyGoodApplicantHasFewOrNoFactors() {
        assertThat(score(clearlyGoodApplicant()).factors())
                .allSatisfy(f -> assertThat(f.contribution()).isLessThan(0.6));
    }

    @Test
    void aNoFileApplicantIsToldTheMissingFileRaisedTheRisk() {
        Application noFile = like(clearlyGoodApplicant()).noCreditFile().build();

        assertThat(score(noFile).factors()).extracting(ScoreFactor::reasonCode).contains("R-NO-FILE");
    }

    @Test
    void aPastDelinquencyNeverScoresSaferThanACleanHistory() {
        Application clean = clearlyGoodApplicant();
        Application delinquent = like(clean)
                .creditFile(new CreditFile(60, 3, 2, 0, 0, BigDecimal.ZERO, null))
                .build();

        assertThat(score(delinquent).risk()).isGreaterThanOrEqualTo(score(clean).risk());
    }

    @Test
    void scoringIsDeterministicAndTheRawResponseIsEnoughToReplay() {
        ModelScore first = score(clearlyBadApplicant());
        ModelScore second = score(clearlyBadApplicant());

        assertThat(second.risk()).isEqualTo(first.risk());
        assertThat(second.confidence()).isEqualTo(first.confidence());
        assertThat(second.factors()).isEqualTo(first.factors());
        assertThat(second.rawResponse()).isEqualTo(first.rawResponse());

        JsonNode raw = JsonMapper.builder().build().readTree(first.rawResponse());
        assertThat(raw.get("risk").doubleValue()).isEqualTo(first.risk());
        assertThat(raw.get("confidence").doubleValue()).isEqualTo(first.confidence());
        assertThat(raw.get("factors").size()).isEqualTo(first.factors().size());
    }

    @Test
    void aValueGoesIntoTheRawAnswerCharForCharAsEarlierAnswersHadItEvenAnUnpairedSurrogate() {
        // a replay compares the raw answer with the stored one: a generator writing UTF-8 would
        // write the unpaired surrogate as a six-character escape and so change earlier answers
        String odd = "LT_0 \uD83D\uDE00 \uD800 caf\u00e9";
        ModelScore score = score(like(clearlyGoodApplicant())
                .attributes(Map.of("checkingStatus", odd))
                .build());

        assertThat(score.rawResponse()).contains("\"input\":\"attributes.checkingStatus\",\"value\":\"" + odd + "\"");
    }

    @Test
    void theWeightsAreSummedBitForBitAsDoubleStreamSumsThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        for (int n = 0; n < 20_000; n++) {
            double[] weights = new double[1 + random.nextInt(20)];
            Characteristic.Evaluation[] evaluations = new Characteristic.Evaluation[weights.length];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = random.nextInt(4) == 0
                        ? random.nextDouble(-1e6, 1e6)
                        : Math.round(random.nextDouble(-3, 3) * 10_000d) / 10_000d;
                Bin bin = new Bin("b", null, null, java.util.Set.of(), weights[i], null);
                Characteristic c = new Characteristic("x" + i, true, "R", java.util.List.of(bin), 0, null, null);
                evaluations[i] = new Characteristic.Evaluation(c, bin, "1", false);
            }
            assertThat(Double.doubleToRawLongBits(ScorecardModel.sumOfWeights(evaluations)))
                    .isEqualTo(Double.doubleToRawLongBits(
                            java.util.stream.DoubleStream.of(weights).sum()));
        }
    }

    @Test
    void theScoreIsRecordedAsAnInProcessFirstAttempt() {
        ModelScore score = model.score(input(clearlyGoodApplicant()), ModelRole.PRIMARY, "always");

        assertThat(score.providerRegion()).isEqualTo("in-process");
        assertThat(score.attempt()).isEqualTo(1);
        assertThat(score.trigger()).isEqualTo("always");
        assertThat(score.latencyMillis()).isNotNegative();
    }

    @Test
    void aFileWithoutAnInterceptIsRejectedNamingTheField(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(SHIPPED).replaceFirst("\"intercept\"", "\"interceptx\""));

        assertThatThrownBy(() -> ScorecardModel.load(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'intercept'");
    }

    // Fixtures: two applicants at either end of the German data's risk range, with no device data.

    private static Application clearlyGoodApplicant() {
        return like(steadyEmployedRenter("test-1"))
                .amount("2500")
                .term(12)
                .purpose("CAR_USED")
                .applicant(new Applicant(45, new BigDecimal("1800"), 60, Housing.OWN, 1))
                .creditFile(new CreditFile(120, 3, 0, 0, 0, new BigDecimal("200"), null))
                .device(null)
                .attributes(Map.of(
                        "checkingStatus",
                        "NONE",
                        "savingsStatus",
                        "GE_1000",
                        "propertyMagnitude",
                        "REAL_ESTATE",
                        "otherPaymentPlans",
                        "NONE"))
                .build();
    }

    private static Application clearlyBadApplicant() {
        return like(steadyEmployedRenter("test-1"))
                .amount("12000")
                .term(48)
                .purpose("CAR_NEW")
                .applicant(new Applicant(30, new BigDecimal("600"), 6, Housing.RENT, 1))
                .creditFile(new CreditFile(24, 2, 1, 0, 0, BigDecimal.ZERO, null))
                .device(null)
                .attributes(Map.of(
                        "checkingStatus",
                        "LT_0",
                        "savingsStatus",
                        "LT_100",
                        "propertyMagnitude",
                        "NONE",
                        "otherPaymentPlans",
                        "BANK"))
                .build();
    }

    private static ModelInput input(Application application) {
        return ModelInput.of(application, DERIVER.derive(application));
    }

    private ModelScore score(Application application) {
        return model.score(input(application), ModelRole.PRIMARY, "always");
    }
}
