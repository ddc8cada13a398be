package dev.arbiter.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.Problems;
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
                    assertThat(e.errors())
                            .extracting(Problems.FieldProblem::field)
                            .containsExactly("cursor");
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
                    assertThat(e.errors())
                            .extracting(Problems.FieldProblem::field)
                            .containsExactlyInAnyOrder("product", "thinFile", "sort");
                });
    }

    @Test
    void instantsOutsideTheYears1900To9999AreInvalidParametersNamingTheSupportedRange() {
        assertThatThrownBy(
                        () -> SearchParameters.read(Map.of("from", "+999999999-01-01T00:00:00Z", "to", "1899-12-31")))
                .isInstanceOfSatisfying(AuditRefusal.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problems.INVALID_PARAMETER);
                    assertThat(e.errors())
                            .extracting(Problems.FieldProblem::field)
                            .containsExactlyInAnyOrder("from", "to");
                    assertThat(e.errors())
                            .allSatisfy(error -> assertThat(error.allowed()).contains("1900", "9999"));
                });
    }

    @Test
    void theEdgesOfTheSupportedYearsAreAccepted() {
        DecisionFilter filter =
                SearchParameters.read(Map.of("from", "1900-01-01", "to", "9999-12-31T23:59:59.999999Z"));

        assertThat(filter.from()).isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
    }

    @Test
    void aCursorForgedWithAnUnstorableInstantIsAnInvalidCursor() {
        var forged = new DecisionFilter.Position(Instant.parse("+999999999-01-01T00:00:00Z"), UUID.randomUUID());

        assertThatThrownBy(() -> SearchParameters.read(Map.of("cursor", SearchParameters.cursor(forged))))
                .isInstanceOfSatisfying(
                        AuditRefusal.class, e -> assertThat(e.problem()).isEqualTo(Problems.INVALID_CURSOR));
    }
}
