package dev.arbiter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainScorecardTest {

    @Test
    void retrainingReproducesTheShippedModelByteForByte(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("primary-credit.json");

        TrainScorecard.main(new String[] {GermanCredit.SHIPPED_FILE.toString(), out.toString()});

        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(TrainScorecard.SHIPPED_MODEL));
    }

    @Test
    void theSplitKeepsTheClassBalanceInBothParts() {
        boolean[] bad = new boolean[1000];
        for (int i = 0; i < 300; i++) {
            bad[i * 3] = true;
        }
        boolean[] inTrain = TrainScorecard.stratifiedSplit(bad, TrainScorecard.SEED, 0.7);

        int train = 0;
        int badInTrain = 0;
        for (int i = 0; i < bad.length; i++) {
            train += inTrain[i] ? 1 : 0;
            badInTrain += inTrain[i] && bad[i] ? 1 : 0;
        }
        assertThat(train).isEqualTo(700);
        assertThat(badInTrain).isEqualTo(210);
    }
}
