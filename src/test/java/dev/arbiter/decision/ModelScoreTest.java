package dev.arbiter.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelScoreTest {

    private static ModelScore answer(double risk, List<ScoreFactor> factors, String raw) {
        return new ModelScore(
                ModelRole.PRIMARY,
                "primary-credit",
                "1.0.0",
                "in-process",
                1,
                "always",
                ModelStatus.OK,
                risk,
                0.9,
                factors,
                0,
                raw);
    }

    private static final List<ScoreFactor> FACTORS =
            List.of(new ScoreFactor("R-CHECKING", "attributes.checkingStatus", "LT_0", 0.885));

    @Test
    void equalAnswersAreEqualAndHashAlikeThoughTheirTextsAreDistinctStrings() {
        String raw = "{\"model\":\"primary-credit\",\"risk\":0.42}";
        ModelScore one = answer(0.42, FACTORS, raw);
        ModelScore other = answer(0.42, List.copyOf(FACTORS), new String(raw.toCharArray()));

        assertThat(other).isEqualTo(one);
        assertThat(other.hashCode()).isEqualTo(one.hashCode());
    }

    @Test
    void theRawResponseAndTheFactorsAreLeftOutOfTheHashButNotOutOfEquality() {
        ModelScore one = answer(0.42, FACTORS, "{\"risk\":0.42}");
        ModelScore otherText = answer(0.42, List.of(), "{\"risk\":0.42,\"bins\":[]}");

        assertThat(otherText.hashCode()).isEqualTo(one.hashCode());
        assertThat(otherText).isNotEqualTo(one);
    }

    @Test
    void answersThatDifferInRiskHashApart() {
        assertThat(answer(0.42, FACTORS, "{}").hashCode())
                .isNotEqualTo(answer(0.43, FACTORS, "{}").hashCode());
    }
}
