package dev.arbiter.recording;

import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.Problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SearchParametersTest {

    @Test
    void aCursorReadsBackAsThePositionItWasMadeFrom() {
        var position = new DecisionFilter.Position(Instant.parse("2026-11-26T01:02:03.123456Z"), UUID.randomUUID());

        DecisionFilter filter = SearchParameters.read(Map.of("cursor", SearchParameters.cursor(position)));

        assertThat(filter.after()).isEqualTo(position);
        assertThat(filter.limit()).isEqualTo(SearchParameters.DEFAULT_LIMIT);
    }

    @Test
    void aTamperedCursorIsAnInvalidCursor() {
        assertThatThrownBy(() -> SearchParameters.read(Map.of("cursor", "ZDF8bm90LWEtdGltZXxub3QtYW4taWQ")))
                .isInstanceOfSatisfying(AuditRefusal.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problems.INVALID_CURSOR);
                    assertThat(e.errors()).extracting(Problems.FieldProblem::field).containsExactly("cursor");
                });
    }

    @Test
    void aDateMeansMidnightUtc() {
        DecisionFilter filter = SearchParameters.read(Map.of("from", "2026-11-01", "to", "2026-12-01T00:00:00Z"));

        assertThat(filter.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void everyInvalidParameterIsReportedAtOnce() {
        assertThatThrownBy(() -> SearchParameters.read(Map.of("product", "YACHT", "thinFile", "yes", "sort", "asc")))
                .isInstanceOfSatisfying(AuditRefusal.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problems.INVALID_PARAMETER);
                    assertThat(e.errors()).extracting(Problems.FieldProblem::field)
                            .containsExactlyInAnyOrder("product", "thinFile", "sort");
                });
    }
}
