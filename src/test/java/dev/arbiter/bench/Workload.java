package dev.arbiter.bench;

import dev.arbiter.decision.AlternativeData;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.TestApplications;
import dev.arbiter.tools.GermanCredit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The applications the benchmarks cycle through: the 1,000 German credit applicants, as shipped. */
final class Workload {

    private Workload() {}

    static List<GermanCredit.Row> germanCreditRows() {
        try {
            return GermanCredit.read(GermanCredit.SHIPPED_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "run from the repository root: " + GermanCredit.SHIPPED_FILE + " not readable", e);
        }
    }

    static List<Application> germanCredit() {
        return germanCreditRows().stream().map(GermanCredit.Row::application).toList();
    }

    /**
     * The same applicants with no bureau file but a bank account whose inflow is their
     * income: thin-file by definition, so every one of them asks for a second opinion.
     */
    static List<Application> thinFile() {
        return germanCredit().stream().map(Workload::withoutCreditFile).toList();
    }

    private static Application withoutCreditFile(Application a) {
        BigDecimal income = a.applicant().monthlyIncome();
        AlternativeData bank = new AlternativeData(
                income, income.multiply(new BigDecimal("0.85")).setScale(2, RoundingMode.HALF_UP), 36, 1, 0.95, 0.97);
        return TestApplications.like(a).noCreditFile().alternativeData(bank).build();
    }

    /** {@code DecisionService.evaluate} never stores; any storage call would mean the benchmark measures the wrong thing. */
    static final class NoStorage implements DecisionLog {

        @Override
        public Optional<StoredDecision> find(UUID decisionId) {
            throw new UnsupportedOperationException("benchmarks evaluate without storing");
        }

        @Override
        public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
            throw new UnsupportedOperationException("benchmarks evaluate without storing");
        }

        @Override
        public void append(StoredDecision decision) {
            throw new UnsupportedOperationException("benchmarks evaluate without storing");
        }
    }
}
