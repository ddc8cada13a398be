package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    @Test
    void aReplacedLineSitsBesideItsReplacementWithTheLineNumbersOfEachSide() {
        String diff = RulesetDiff.unified(
                "a/p", "b/p", List.of("one", "two", "three", "four"), List.of("one", "TWO", "three", "four", "five"));

        List<SideBySide.Row> rows = SideBySide.of(diff);

        assertThat(rows.get(0).kind()).isEqualTo(SideBySide.Kind.HUNK);
        assertThat(rows)
                .contains(new SideBySide.Row(SideBySide.Kind.SAME, 1, "one", 1, "one"))
                .contains(new SideBySide.Row(SideBySide.Kind.CHANGED, 2, "two", 2, "TWO"))
                .contains(new SideBySide.Row(SideBySide.Kind.SAME, 4, "four", 4, "four"))
                .contains(new SideBySide.Row(SideBySide.Kind.ADDED, 0, null, 5, "five"));
    }

    @Test
    void aNewFileHasOnlyTheRightSide() {
        List<SideBySide.Row> rows =
                SideBySide.of(RulesetDiff.unified("/dev/null", "b/p", List.of(), List.of("x", "y")));

        assertThat(rows.subList(1, rows.size()))
                .containsExactly(
                        new SideBySide.Row(SideBySide.Kind.ADDED, 0, null, 1, "x"),
                        new SideBySide.Row(SideBySide.Kind.ADDED, 0, null, 2, "y"));
    }

    @Test
    void aBinaryFileHasNoRows() {
        assertThat(SideBySide.of(null)).isEmpty();
    }
}
