package dev.arbiter.tools;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.Submission;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.rules.Backtest;
import dev.arbiter.rules.BacktestReport;
import dev.arbiter.rules.CompiledRuleset;
import dev.arbiter.rules.Ruleset;
import dev.arbiter.rules.RulesetCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures the backtest on a fresh embedded PostgreSQL: decides the 1,000 German credit
 * applications through the decision service (no HTTP), copies those rows in SQL until
 * {@code count} decisions are stored, then backtests a candidate (the shipped rules with a
 * minimum age of 21) over all of them {@code runs} times and prints decisions per second.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.BenchmarkBacktest -Dexec.args="100000 5"</pre>
 */
public final class BenchmarkBacktest {

    private BenchmarkBacktest() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dataDir = Path.of("target/benchmark-postgres/" + UUID.randomUUID());
        try (var context = new SpringApplicationBuilder(ArbiterApplication.class)
                .properties(
                        "spring.main.web-application-type=none",
                        "arbiter.db.data-dir=" + dataDir,
                        "arbiter.security.keys-dir=" + dataDir + "-keys",
                        "logging.level.root=warn")
                .run()) {
            // filling copies and deletes rows wholesale: the schema owner's work, not the application's
            var server = context.getBean(dev.arbiter.storage.PostgresServer.class);
            JdbcClient jdbc = JdbcClient.create(server.dataSource(server.owner()));
            Instant from = Instant.now();
            long filled = fill(context.getBean(DecisionService.class), jdbc, count);
            Instant to = Instant.now().plusSeconds(1);
            CompiledRuleset candidate = candidate();
            Backtest backtest = context.getBean(Backtest.class);
            System.out.printf(
                    "%d stored decisions; backtesting candidate %s on %d cores%n",
                    filled,
                    candidate.version().substring(0, 12),
                    Runtime.getRuntime().availableProcessors());
            backtest.run(candidate, from, to, 100); // warm-up: JIT and the database's caches
            readOnly(context.getBean(dev.arbiter.rules.DecisionHistory.class), from, to);
            List<Double> rates = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                BacktestReport report = backtest.run(candidate, from, to, 100);
                double seconds = (System.nanoTime() - started) / 1e9;
                rates.add(report.decisions() / seconds);
                System.out.printf(
                        "run %d: %d decisions, %d changed, %.2f s, %.0f decisions/s%n",
                        run, report.decisions(), report.changed(), seconds, report.decisions() / seconds);
            }
            rates.sort(Double::compare);
            System.out.printf("median: %.0f decisions/s over %d runs%n", rates.get(rates.size() / 2), runs);
        }
    }

    /** Reading alone, rows fetched but neither decoded nor re-decided: the floor the database sets. */
    private static void readOnly(dev.arbiter.rules.DecisionHistory history, Instant from, Instant to) {
        long started = System.nanoTime();
        long[] rows = new long[1];
        history.forEachBatch(from, to, 1_000, batch -> rows[0]++);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "reading alone: %d pages in %.2f s, %.0f decisions/s%n", rows[0], seconds, rows[0] * 1_000 / seconds);
    }

    /** The German credit applications decided once each, then their rows copied until {@code count} are stored. */
    private static long fill(DecisionService decisions, JdbcClient jdbc, int count) throws Exception {
        List<GermanCredit.Row> rows = GermanCredit.read(GermanCredit.SHIPPED_FILE);
        long started = System.nanoTime();
        for (GermanCredit.Row row : rows) {
            decisions.decide(new Submission(row.application(), row.monitoring(), "benchmark-" + row.index()));
        }
        int copies = (count - rows.size() + rows.size() - 1) / rows.size();
        // each copy is a decision of its own: new id, application id and a later decision time
        jdbc.sql("""
                insert into decision (id, application_id, request_fingerprint, outcome, ruleset_version, product,
                    data_region, thin_file, decided_at, application, features, scores, fired_rules, reasons, terms,
                    guardrails)
                select gen_random_uuid(), d.application_id || '/' || n, d.request_fingerprint, d.outcome,
                       d.ruleset_version, d.product, d.data_region, d.thin_file,
                       d.decided_at + n * interval '1 millisecond', d.application, d.features, d.scores,
                       d.fired_rules, d.reasons, d.terms, d.guardrails
                  from decision d cross join generate_series(1, ?) as n
                """).param(copies).update();
        jdbc.sql("delete from decision where id in (select id from decision order by decided_at desc limit "
                        + "greatest(0, (select count(*) from decision) - ?))")
                .param(count)
                .update();
        jdbc.sql("analyze decision").update();
        long stored =
                jdbc.sql("select count(*) from decision").query(Long.class).single();
        System.out.printf("filled %d decisions in %.1f s%n", stored, (System.nanoTime() - started) / 1e9);
        return stored;
    }

    private static CompiledRuleset candidate() {
        Ruleset shipped = Ruleset.loadWithCases(Path.of("rules"));
        String parameters = new String(shipped.content("parameters.json"), StandardCharsets.UTF_8)
                .replace("\"minAge\": 18", "\"minAge\": 21");
        return new RulesetCheck(ThinFileDefinition.DEFAULT)
                .check(shipped.with("parameters.json", parameters.getBytes(StandardCharsets.UTF_8)))
                .compiled();
    }
}
