package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.decision.AlternativeData;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Decision;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Device;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelScore;
import dev.arbiter.decision.Product;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.decision.TestApplications;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.ensemble.EnsembleConfig;
import dev.arbiter.ensemble.RoutedEnsemble;
import dev.arbiter.ensemble.ScorecardModel;
import dev.arbiter.rules.DroolsRuleEvaluator;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCompiler;
import dev.arbiter.tools.GermanCredit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shipped engine (engine/: the scorecards and the ensemble; rules/: the ruleset)
 * answers for 3,000 applicants, pinned as digests: every shipped scorecard's answer (risk,
 * confidence, factors and the raw answer's bytes), the ensemble's answers and whole
 * decisions (outcome, reasons, terms, fired rules, guardrails, features). Work on how fast
 * the engine runs must leave all three digests as they are: a record stored before it must
 * replay to the same result and the raw answer must keep its bytes. A change to the
 * engine's files, its scorecards or rules changes them on purpose; recompute them then.
 *
 * <p>The applicants: the 1,000 German credit applicants as shipped; the same with no bureau
 * file but a bank account (thin-file, so the cash-flow second opinion runs) and a device
 * from one of several countries; and the same under the products whose primary model is the
 * bureau score, some with texts a JSON writer must escape.
 */
class ShippedEngineAnswersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final FeatureDeriver DERIVER = new FeatureDeriver(ThinFileDefinition.DEFAULT, CLOCK);
    private static final List<String> COUNTRIES = List.of("DE", "FR", "NG", "US", "CN", "HK", "BR");
    private static final List<String> REGIONS = List.of("EU", "US", "CN");
    private static final List<Product> BUREAU_PRODUCTS =
            List.of(Product.MORTGAGE, Product.CREDIT_CARD, Product.MICRO_LOAN);
    /** Texts a JSON writer escapes or must leave as they are: quotes, backslash, slash, controls, non-ASCII. */
    private static final List<String> AWKWARD = List.of(
            "say \"hi\"",
            "back\\slash",
            "a/b",
            "line\nbreak",
            "tab\there",
            "bell\u0007",
            "\u00e9t\u00e9 \u20ac",
            "\ud83d\ude00",
            "");

    private static RoutedEnsemble ensemble;
    private static List<Application> applicants;
    private static List<ScorecardModel> scorecards;

    @BeforeAll
    static void load() throws Exception {
        Path engine = Path.of("engine");
        EnsembleConfig shipped = EnsembleConfig.load(engine.resolve("ensemble.yaml"));
        // an hour for the models, so a slow machine never turns an answer into a TIMEOUT
        EnsembleConfig unhurried = new EnsembleConfig(
                shipped.version(),
                shipped.contentHash(),
                Duration.ofHours(1),
                shipped.costBudget(),
                shipped.dataRegions(),
                shipped.secondOpinion(),
                shipped.roles(),
                shipped.models(),
                shipped.routes(),
                shipped.domains());
        ensemble = RoutedEnsemble.from(unhurried, engine, CLOCK);
        scorecards = List.of(
                ScorecardModel.load(engine.resolve("models/primary-credit.json")),
                ScorecardModel.load(engine.resolve("models/bureau-score.json")),
                ScorecardModel.load(engine.resolve("models/device-fraud.json")),
                ScorecardModel.load(engine.resolve("models/cash-flow.json")));
        applicants = applicants();
    }

    @AfterAll
    static void close() {
        ensemble.close();
    }

    @Test
    void everyShippedScorecardAnswersAsBefore() {
        Digest digest = new Digest();
        for (Application a : applicants) {
            ModelInput input = ModelInput.of(a, DERIVER.derive(a));
            for (ScorecardModel model : scorecards) {
                digest.add(model.score(input, ModelRole.PRIMARY, "always"));
            }
        }
        assertThat(applicants).hasSize(3_000);
        assertThat(digest.hex()).isEqualTo("9da9442a68cab8588c60e68bf61ed9e620daeb61f2b8404ff6eb1fd3d54bbbc1");
    }

    @Test
    void theShippedEnsembleAnswersAsBefore() {
        Digest digest = new Digest();
        for (Application a : applicants) {
            Features features = DERIVER.derive(a);
            ensemble.assess(a, features).forEach(digest::add);
        }
        assertThat(digest.hex()).isEqualTo("f773cc8d5a97666611b420a20c54790238bd32370a6b309776e0cfb16edd8165");
    }

    @Test
    void theShippedEngineDecidesAsBefore() {
        DroolsRuleEvaluator rules =
                new DroolsRuleEvaluator(new RulesetCompiler().compile(Ruleset.load(Path.of("rules"))));
        AtomicLong ids = new AtomicLong();
        DecisionService service = new DecisionService(
                DERIVER, ensemble, rules, new NoStorage(), CLOCK, () -> new UUID(0, ids.incrementAndGet()));
        Digest digest = new Digest();
        for (Application a : applicants) {
            Decision d = service.evaluate(a);
            digest.add(d.id() + "|" + d.applicationId() + "|" + d.outcome() + "|" + d.reasons() + "|" + d.terms()
                    + "|" + d.rulesetVersion() + "|" + d.ensembleVersion() + "|" + d.features() + "|"
                    + d.firedRules() + "|" + d.guardrails() + "|" + d.decidedAt());
            d.scores().forEach(digest::add);
        }
        assertThat(digest.hex()).isEqualTo("98d7322dc5926b887f3559d9ba02cb2c070c432de2025c3210d394498091a54f");
    }

    private static List<Application> applicants() throws Exception {
        List<Application> all = new ArrayList<>();
        List<GermanCredit.Row> rows = GermanCredit.read(GermanCredit.SHIPPED_FILE);
        for (GermanCredit.Row row : rows) {
            all.add(row.application());
        }
        for (GermanCredit.Row row : rows) {
            int i = row.index();
            Application a = row.application();
            BigDecimal income = a.applicant().monthlyIncome();
            AlternativeData bank = new AlternativeData(
                    income,
                    income.multiply(new BigDecimal(i % 2 == 0 ? "0.85" : "1.07"))
                            .setScale(2, RoundingMode.HALF_UP),
                    i % 7 == 0 ? null : i % 61,
                    i % 13,
                    i % 5 == 0 ? null : (i % 100) / 100.0,
                    0.5 + (i % 50) / 100.0);
            all.add(TestApplications.like(a)
                    .id(a.applicationId() + "-thin")
                    .region(REGIONS.get(i % REGIONS.size()))
                    .noCreditFile()
                    .alternativeData(bank)
                    .device(new Device(
                            i % 11 == 0 ? null : COUNTRIES.get(i % COUNTRIES.size()),
                            i % 9 == 0 ? null : (i * 13) % 900,
                            (i * 37) % 4000))
                    .build());
        }
        for (GermanCredit.Row row : rows) {
            int i = row.index();
            Application a = row.application();
            TestApplications.Builder b = TestApplications.like(a)
                    .id(a.applicationId() + "-" + i % BUREAU_PRODUCTS.size())
                    .product(BUREAU_PRODUCTS.get(i % BUREAU_PRODUCTS.size()));
            if (i % 10 == 0) {
                String odd = AWKWARD.get((i / 10) % AWKWARD.size());
                b.purpose(odd).attributes(Map.of("checkingStatus", odd, "savingsStatus", "LT_100"));
            }
            all.add(b.build());
        }
        return all;
    }

    /** SHA-256 over the answers' fields in order; latency is left out, it is measured. */
    private static final class Digest {

        private final MessageDigest sha256;

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        void add(ModelScore s) {
            add(s.role() + "|" + s.modelId() + "|" + s.modelVersion() + "|" + s.providerRegion() + "|" + s.attempt()
                    + "|" + s.trigger() + "|" + s.status() + "|" + s.risk() + "|" + s.confidence() + "|"
                    + s.factors() + "|" + s.outOfDomain() + "|" + s.rawResponse());
        }

        void add(String text) {
            sha256.update(text.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }

        String hex() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    private static final class NoStorage implements DecisionLog {

        @Override
        public Optional<StoredDecision> find(UUID decisionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredDecision> findByApplicationId(String clientId, String applicationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void append(StoredDecision decision) {
            throw new UnsupportedOperationException();
        }
    }
}
