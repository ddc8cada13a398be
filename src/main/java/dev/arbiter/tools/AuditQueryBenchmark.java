package dev.arbiter.tools;

import com.zaxxer.hikari.HikariDataSource;
import dev.arbiter.recording.DecisionFilter;
import dev.arbiter.recording.JdbcDecisionSearch;
import dev.arbiter.storage.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills an embedded PostgreSQL with synthetic decisions (generate_series, the real schema
 * from db/migration) and times the first page of common audit queries through the same
 * {@link JdbcDecisionSearch} the API uses. Prints the median of several runs per query.
 *
 * <pre>mvn -q compile exec:java -Dexec.mainClass=dev.arbiter.tools.AuditQueryBenchmark -Dexec.args="1000000 7"</pre>
 */
public final class AuditQueryBenchmark {

    private static final String V1 = "a".repeat(64);
    private static final String V2 = "b".repeat(64);

    private AuditQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory("arbiter-bench-");
        try (PostgresServer server = PostgresServer.embedded(dir.resolve("pg"), 0);
                HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(server.jdbcUrl());
            // a scratch database the benchmark fills and empties: the owner may do that
            ds.setUsername(server.owner().username());
            ds.setPassword(server.owner().password());
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            long start = System.nanoTime();
            generate(jdbc, rows);
            System.out.printf(
                    Locale.ROOT,
                    "generated %,d decisions in %.1f s; table with indexes %s%n",
                    rows,
                    (System.nanoTime() - start) / 1e9,
                    jdbc.sql("select pg_size_pretty(pg_total_relation_size('decision'))")
                            .query(String.class)
                            .single());
            measure(jdbc, runs);
        } finally {
            deleteTree(dir);
        }
    }

    static void generate(JdbcClient jdbc, int rows) {
        jdbc.sql("""
                insert into ruleset_version (version, files, stored_at, author, created_at)
                values (?, '{}'::jsonb, now(), 'bench', now()), (?, '{}'::jsonb, now(), 'bench', now())
                """).params(V1, V2).update();
        int batch = 100_000;
        for (int from = 1; from <= rows; from += batch) {
            jdbc.sql("""
                insert into decision (id, application_id, request_fingerprint, outcome, ruleset_version, product,
                    data_region, thin_file, decided_at, application, features, scores, fired_rules, reasons, terms,
                    guardrails, retain_until)
                select gen_random_uuid(), 'bench-' || g, md5(g::text),
                       case when g % 10 < 6 then 'APPROVE' when g % 10 < 9 then 'DENY' else 'REFER' end,
                       case when g % 3 = 0 then :v2 else :v1 end,
                       (array['PERSONAL_LOAN','CREDIT_CARD','MICRO_LOAN','MORTGAGE'])[1 + g % 4],
                       (array['EU','US','CN','GB'])[1 + (g / 7) % 4],
                       g % 8 = 0,
                       timestamptz '2025-01-01' + g * interval '31 seconds',
                       jsonb_build_object('applicationId', 'bench-' || g, 'requestedAmount', 1000 + g % 20000,
                           'currency', 'EUR', 'termMonths', 12 + g % 48, 'applicant',
                           jsonb_build_object('age', 18 + g % 60, 'monthlyIncome', 900 + g % 6000,
                               'employmentMonths', g % 200, 'housing', 'RENT', 'dependents', g % 4)),
                       jsonb_build_object('debtToIncome', (g % 60) / 100.0, 'paymentToIncome', (g % 30) / 100.0,
                           'thinFile', g % 8 = 0, 'thinFileDefinition', 'tf-1'),
                       jsonb_build_array(jsonb_build_object('role', 'PRIMARY', 'modelId', 'primary-credit',
                               'status', case when g % 97 = 0 then 'TIMEOUT' else 'OK' end, 'risk', (g % 100) / 100.0))
                         || case when g % 8 = 0 then jsonb_build_array(jsonb_build_object('role', 'SECOND_OPINION',
                               'modelId', 'alt-data', 'status',
                               (array['OK','OK','OK','TIMEOUT','CIRCUIT_OPEN','RATE_LIMITED'])[1 + (g / 8) % 6]))
                            else '[]'::jsonb end,
                       jsonb_build_array(jsonb_build_object('order', 1, 'ruleCode', 'KO-0' || (1 + g % 5)),
                                         jsonb_build_object('order', 2, 'ruleCode', 'RK-0' || (1 + g % 4))),
                       case when g % 10 between 6 and 8 then jsonb_build_array(
                               jsonb_build_object('code', (array['R-DTI','R-INCOME','R-DELINQUENT','R-HISTORY',
                                   'R-CHECKING','R-SAVINGS','R-TERM','R-AMOUNT'])[1 + g % 8], 'text', 'reason'),
                               jsonb_build_object('code', 'R-EMPLOYMENT', 'text', 'reason'))
                            else '[]'::jsonb end,
                       case when g % 10 < 6 then jsonb_build_object('creditLimit', 5000, 'apr', 0.109) end,
                       '[]'::jsonb,
                       timestamptz '2025-01-01' + g * interval '31 seconds' + interval '25 months'
                  from generate_series(:from, :to) as g
                """)
                    .param("v1", V1)
                    .param("v2", V2)
                    .param("from", from)
                    .param("to", Math.min(rows, from + batch - 1))
                    .update();
        }
        jdbc.sql("analyze decision").update();
    }

    private static void measure(JdbcClient jdbc, int runs) {
        JdbcDecisionSearch search =
                new JdbcDecisionSearch(jdbc, JsonMapper.builder().build());
        Instant monthStart = Instant.parse("2025-06-01T00:00:00Z");
        Instant monthEnd = Instant.parse("2025-07-01T00:00:00Z");
        Map<String, Map<String, Object>> queries = new LinkedHashMap<>();
        queries.put("no filter", Map.of());
        queries.put("outcome=DENY", Map.of("outcome", "DENY"));
        queries.put("one month (June 2025)", Map.of("from", monthStart, "to", monthEnd));
        queries.put(
                "one month, region=US, outcome=DENY",
                Map.of("from", monthStart, "to", monthEnd, "dataRegion", "US", "outcome", "DENY"));
        queries.put("reasonCode=R-DTI", Map.of("reasonCode", "R-DTI"));
        queries.put("reasonCode=R-DTI in one month", Map.of("reasonCode", "R-DTI", "from", monthStart, "to", monthEnd));
        queries.put("ruleCode=KO-03", Map.of("ruleCode", "KO-03"));
        queries.put("rulesetVersion=bbbb...", Map.of("rulesetVersion", V2));
        queries.put("thinFile=true, product=PERSONAL_LOAN", Map.of("thinFile", true, "product", "PERSONAL_LOAN"));
        queries.put("finalOutcome=REFER", Map.of("finalOutcome", "REFER"));
        queries.put(
                "SECOND_OPINION CIRCUIT_OPEN", Map.of("modelRole", "SECOND_OPINION", "modelStatus", "CIRCUIT_OPEN"));
        queries.put(
                "PRIMARY TIMEOUT, region=CN",
                Map.of("modelRole", "PRIMARY", "modelStatus", "TIMEOUT", "dataRegion", "CN"));
        System.out.printf(
                Locale.ROOT, "%-40s %10s %10s %10s%n", "query (first page of 50)", "median ms", "min ms", "page 2 ms");
        for (var q : queries.entrySet()) {
            search.search(filter(q.getValue(), null)); // warm the plan and the cache
            List<Double> times = new ArrayList<>();
            JdbcDecisionSearch.Page page = null;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                page = search.search(filter(q.getValue(), null));
                times.add((System.nanoTime() - t) / 1e6);
            }
            List<Double> second = new ArrayList<>();
            if (page.next() != null) {
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    search.search(filter(q.getValue(), page.next()));
                    second.add((System.nanoTime() - t) / 1e6);
                }
            }
            Collections.sort(times);
            Collections.sort(second);
            System.out.printf(
                    Locale.ROOT,
                    "%-40s %10.2f %10.2f %10s   (%d rows)%n",
                    q.getKey(),
                    times.get(times.size() / 2),
                    times.get(0),
                    second.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", second.get(second.size() / 2)),
                    page.rows().size());
        }
        List<Double> queue = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            jdbc.sql("""
                    select q.decision_id from review_queue q order by q.decided_at, q.decision_id limit 100
                    """).query(String.class).list();
            queue.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(queue);
        System.out.printf(
                Locale.ROOT,
                "%-40s %10.2f %10.2f%n",
                "open review queue (100 oldest REFER)",
                queue.get(runs / 2),
                queue.get(0));
    }

    /** The scratch database is large: remove it when the run ends. */
    static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One of the benchmark's named filters as a search filter, 50 a page, from {@code after} on. */
    static DecisionFilter filter(Map<String, Object> f, DecisionFilter.Position after) {
        return new DecisionFilter(
                (Instant) f.get("from"),
                (Instant) f.get("to"),
                (String) f.get("outcome"),
                (String) f.get("finalOutcome"),
                (String) f.get("reasonCode"),
                (String) f.get("ruleCode"),
                (String) f.get("rulesetVersion"),
                (Boolean) f.get("thinFile"),
                (String) f.get("product"),
                (String) f.get("dataRegion"),
                (String) f.get("modelStatus"),
                (String) f.get("modelRole"),
                after,
                50);
    }
}
