package dev.arbiter.tools;

import dev.arbiter.fairness.GroupBy;
import dev.arbiter.fairness.JdbcFairnessQuery;
import dev.arbiter.recording.JdbcDecisionSearch;
import dev.arbiter.storage.DatabaseCredentials;
import dev.arbiter.storage.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.SQLWarningException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The indexes of {@code decision} before and after a migration, on the same generated data: the
 * plan of every query that reads decisions by something other than their id (the search through
 * {@link JdbcDecisionSearch}, the application's other queries, the cookbook's), with the rows
 * and buffers it touched, then the same after migrating on; and the cost of inserting the same
 * realistic rows one statement at a time under the old and the new index set, alternated in one
 * sitting (WAL bytes and records, and the server's execution time from pg_stat_statements).
 *
 * <pre>mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.arbiter.tools.DecisionIndexPlans -Dexec.args="200000 24 2000"</pre>
 *
 * Arguments: decisions to generate, the migration version "before" is, rows per insert comparison
 * (0: none), "no-plans" to compare the inserts alone, and the version "after" is (default: the latest).
 * The scratch cluster lives under target/index-plans and is removed at the end.
 */
public final class DecisionIndexPlans {

    private static final Instant MONTH_START = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant MONTH_END = Instant.parse("2025-03-01T00:00:00Z");

    private static final int BLOCKS = 6;

    private DecisionIndexPlans() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String before = args.length > 1 ? args[1] : "24";
        int inserts = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        boolean plans = args.length <= 3 || !args[3].equals("no-plans");
        String after = args.length > 4 ? args[4] : null;
        Path dir = Path.of("target", "index-plans").toAbsolutePath();
        AuditQueryBenchmark.deleteTree(dir.toFile().exists() ? dir : Files.createDirectories(dir));
        Files.createDirectories(dir);
        // a first start creates the cluster; the second loads pg_stat_statements and auto_explain
        PostgresServer.embedded(dir.resolve("pg"), 0).close();
        Files.writeString(
                dir.resolve("pg").resolve("postgresql.conf"),
                "\nshared_preload_libraries = 'pg_stat_statements'\n",
                StandardOpenOption.APPEND);
        try (PostgresServer server = PostgresServer.embedded(dir.resolve("pg"), 0)) {
            PGSimpleDataSource su = new PGSimpleDataSource();
            su.setUrl(server.jdbcUrl());
            su.setUser(DatabaseCredentials.SUPERUSER);
            su.setPassword(
                    DatabaseCredentials.loadOrCreate(dir.resolve("pg-keys")).superuserPassword());
            JdbcClient superuser = JdbcClient.create(su);
            DataSource ownerDs = server.dataSource(server.owner());
            JdbcClient owner = JdbcClient.create(ownerDs);

            Flyway.configure()
                    .dataSource(ownerDs)
                    .locations("classpath:db/migration")
                    .target(before)
                    .load()
                    .migrate();
            long t = System.nanoTime();
            AuditQueryBenchmark.generate(owner, rows);
            superuser.sql("vacuum analyze decision").update();
            System.out.printf(Locale.ROOT, "generated %,d decisions in %.1f s%n", rows, (System.nanoTime() - t) / 1e9);
            List<String> oldIndexes = indexes(superuser);
            if (plans) {
                plans(su, owner, "before (V" + before + ")");
            }

            t = System.nanoTime();
            var configuration = Flyway.configure().dataSource(ownerDs).locations("classpath:db/migration");
            if (after != null) {
                configuration.target(after);
            }
            configuration.load().migrate();
            System.out.printf(
                    Locale.ROOT,
                    "migrated to %s in %.1f s (on %,d decisions)%n",
                    owner.sql(
                                    "select version from flyway_schema_history where success order by installed_rank desc limit 1")
                            .query(String.class)
                            .single(),
                    (System.nanoTime() - t) / 1e9,
                    rows);
            superuser.sql("vacuum analyze decision").update();
            List<String> newIndexes = indexes(superuser);
            superuser.sql("create extension if not exists pg_stat_statements").update();
            if (plans) {
                plans(su, owner, "after");
            }

            if (inserts > 0) {
                try (SingleConnectionDataSource one = new SingleConnectionDataSource(su.getConnection(), true)) {
                    inserts(JdbcClient.create(one), oldIndexes, newIndexes, inserts);
                }
            }
        } finally {
            AuditQueryBenchmark.deleteTree(dir);
        }
    }

    private static List<String> indexes(JdbcClient su) {
        System.out.println("\nindexes on decision (size):");
        su.sql("""
                select indexname, pg_size_pretty(pg_relation_size(format('%I', indexname)::regclass)), indexdef
                  from pg_indexes where tablename = 'decision' order by indexname
                """)
                .query((rs, n) -> {
                    System.out.printf(
                            Locale.ROOT, "  %-36s %8s  %s%n", rs.getString(1), rs.getString(2), rs.getString(3));
                    return null;
                })
                .list();
        return su.sql("select indexdef from pg_indexes where tablename = 'decision' order by indexname")
                .query(String.class)
                .list();
    }

    /** Each query's plan as it ran, with rows and buffers (auto_explain, read from the session's notices). */
    private static void plans(PGSimpleDataSource su, JdbcClient owner, String label) throws Exception {
        System.out.println("\n==== plans " + label);
        try (SingleConnectionDataSource one = new SingleConnectionDataSource(su.getConnection(), true)) {
            JdbcTemplate template = new JdbcTemplate(one);
            template.execute("load 'auto_explain'");
            template.execute("set auto_explain.log_min_duration = 0");
            template.execute("set auto_explain.log_analyze = on");
            template.execute("set auto_explain.log_buffers = on");
            template.execute("set auto_explain.log_timing = off");
            template.execute("set client_min_messages = log");
            template.setIgnoreWarnings(false);
            JdbcClient explaining = JdbcClient.create(template);
            JdbcDecisionSearch search =
                    new JdbcDecisionSearch(explaining, JsonMapper.builder().build());
            JdbcDecisionSearch plain =
                    new JdbcDecisionSearch(owner, JsonMapper.builder().build());

            Map<String, Map<String, Object>> filters = new LinkedHashMap<>();
            filters.put("search: no filter", Map.of());
            filters.put("search: outcome=DENY", Map.of("outcome", "DENY"));
            filters.put("search: outcome=REFER", Map.of("outcome", "REFER"));
            filters.put("search: one month", Map.of("from", MONTH_START, "to", MONTH_END));
            filters.put(
                    "search: one month, region=US, outcome=DENY",
                    Map.of("from", MONTH_START, "to", MONTH_END, "dataRegion", "US", "outcome", "DENY"));
            filters.put("search: reasonCode=R-DTI", Map.of("reasonCode", "R-DTI"));
            filters.put(
                    "search: reasonCode=R-DTI, one month",
                    Map.of("reasonCode", "R-DTI", "from", MONTH_START, "to", MONTH_END));
            filters.put("search: outcome=DENY, reasonCode=R-DTI", Map.of("outcome", "DENY", "reasonCode", "R-DTI"));
            filters.put("search: reasonCode=R-NONE (no match)", Map.of("reasonCode", "R-NONE"));
            filters.put("search: ruleCode=KO-03", Map.of("ruleCode", "KO-03"));
            filters.put("search: rulesetVersion=bbbb...", Map.of("rulesetVersion", "b".repeat(64)));
            filters.put("search: thinFile=true", Map.of("thinFile", true));
            filters.put("search: thinFile=false", Map.of("thinFile", false));
            filters.put(
                    "search: thinFile=true, product=PERSONAL_LOAN",
                    Map.of("thinFile", true, "product", "PERSONAL_LOAN"));
            filters.put("search: product=MORTGAGE", Map.of("product", "MORTGAGE"));
            filters.put("search: finalOutcome=REFER", Map.of("finalOutcome", "REFER"));
            filters.put(
                    "search: SECOND_OPINION CIRCUIT_OPEN",
                    Map.of("modelRole", "SECOND_OPINION", "modelStatus", "CIRCUIT_OPEN"));
            filters.put("search: modelStatus=TIMEOUT", Map.of("modelStatus", "TIMEOUT"));
            filters.put("search: modelRole=SECOND_OPINION", Map.of("modelRole", "SECOND_OPINION"));
            filters.put(
                    "search: PRIMARY TIMEOUT, region=CN",
                    Map.of("modelRole", "PRIMARY", "modelStatus", "TIMEOUT", "dataRegion", "CN"));
            for (var f : filters.entrySet()) {
                show(f.getKey(), () -> search.search(AuditQueryBenchmark.filter(f.getValue(), null)));
                JdbcDecisionSearch.Page first;
                try {
                    first = plain.search(AuditQueryBenchmark.filter(f.getValue(), null));
                } catch (org.springframework.dao.DataAccessException older) {
                    continue; // a filter this schema cannot run yet (the search terms before V26)
                }
                if (first.next() != null) {
                    show(
                            f.getKey() + ", page 2",
                            () -> search.search(AuditQueryBenchmark.filter(f.getValue(), first.next())));
                }
            }

            Map<String, String> sql = new LinkedHashMap<>();
            sql.put(
                    "home: today's counts (DecisionCounts)",
                    "select outcome, count(*) as n from decision where decided_at >= timestamptz '2025-02-10'"
                            + " and decided_at < timestamptz '2025-02-11' group by outcome");
            sql.put("backtest page (JdbcDecisionHistory)", """
                    select id, application_id, request_fingerprint, outcome, ruleset_version, ensemble_version, decided_at, application,
                           features, scores, fired_rules, reasons, terms, guardrails
                      from decision
                     where decided_at >= timestamptz '2025-02-01' and decided_at < timestamptz '2025-03-01'
                       and (decided_at, id) > (timestamptz '2025-02-10', '00000000-0000-0000-0000-000000000000'::uuid)
                       and purged_at is null
                     order by decided_at, id limit 500
                    """);
            sql.put(
                    "ruleset decisions in a period (JdbcDecisionHistory)",
                    "select count(*) from decision where ruleset_version = repeat('b', 64) and decided_at >= "
                            + "timestamptz '2025-02-01' and decided_at < timestamptz '2025-03-01'");
            sql.put("fired rules in a period (JdbcDecisionHistory)", """
                    select r.rule ->> 'ruleCode' as rule_code, count(*) as fired
                      from decision d cross join lateral jsonb_array_elements(d.fired_rules) as r(rule)
                     where d.ruleset_version = repeat('b', 64) and d.decided_at >= timestamptz '2025-02-01'
                       and d.decided_at < timestamptz '2025-03-01'
                     group by 1
                    """);
            sql.put(
                    "idempotency lookup (DecisionRecorder)",
                    "select d.* from decision d where coalesce(d.client_id, '') = coalesce(null, '') and d.application_id = 'bench-777'");
            sql.put(
                    "purge: due (JdbcPurge)",
                    "select count(*) from decision where purged_at is null and retain_until <= timestamptz '2027-03-01'");
            sql.put("review queue (JdbcDecisionEvents.open)", """
                    select d.id, d.application_id, d.outcome, d.decided_at, r.recorded_at as requested_at
                      from review_queue q
                      join decision d on d.id = q.decision_id
                      left join decision_event r on r.decision_id = q.decision_id and r.kind = 'HUMAN_REVIEW_REQUEST'
                     order by q.decided_at, q.decision_id limit 200
                    """);
            sql.put("cookbook denials-by-reason", """
                    select r.reason ->> 'code', count(*) from decision d
                     cross join lateral jsonb_array_elements(d.reasons) with ordinality as r(reason, position)
                     where d.outcome = 'DENY' and d.decided_at >= timestamptz '2025-02-01' and d.decided_at < timestamptz '2025-03-01'
                     group by 1
                    """);
            sql.put("cookbook model-failures", """
                    select s.score ->> 'role', s.score ->> 'status', count(*) from decision d
                     cross join lateral jsonb_array_elements(d.scores) as s(score)
                     where d.decided_at >= timestamptz '2025-02-01' and d.decided_at < timestamptz '2025-03-01'
                     group by 1, 2
                    """);
            sql.put("cookbook thin-file-outcomes", """
                    select date_trunc('month', d.decided_at), d.thin_file, count(*),
                           round(avg((coalesce(rv.body ->> 'outcome', d.outcome) = 'APPROVE')::int), 3)
                      from decision d left join decision_event rv on rv.decision_id = d.id and rv.kind = 'REVIEW'
                     where d.decided_at >= timestamptz '2025-01-01' and d.decided_at < timestamptz '2025-04-01'
                     group by 1, 2
                    """);
            sql.put("cookbook adverse-actions", """
                    select d.id from decision d left join decision_event rv on rv.decision_id = d.id and rv.kind = 'REVIEW'
                     where d.decided_at >= timestamptz '2025-02-01' and d.decided_at < timestamptz '2025-02-08'
                       and coalesce(rv.body ->> 'outcome', d.outcome) = 'DENY'
                     order by d.decided_at
                    """);
            sql.put(
                    "shadow comparison (JdbcShadowLog)",
                    "select d.outcome, s.outcome, count(*) from decision_shadow s join decision d on d.id = s.decision_id"
                            + " where d.decided_at >= timestamptz '2025-02-01' and d.decided_at < timestamptz '2025-03-01' group by 1, 2");
            // the generated decisions span 72 days, so a month is two fifths of them (a plan may rightly
            // read the whole table for it); a week is what a month is of a year of decisions
            for (String name : List.of(
                    "fired rules in a period (JdbcDecisionHistory)",
                    "cookbook denials-by-reason",
                    "cookbook model-failures")) {
                sql.put(
                        name + ", a week",
                        sql.get(name).replace("timestamptz '2025-03-01'", "timestamptz '2025-02-08'"));
            }
            for (var q : sql.entrySet()) {
                show(q.getKey(), () -> explaining.sql(q.getValue()).query().listOfRows());
            }
            JdbcFairnessQuery fairness = new JdbcFairnessQuery(explaining);
            for (String definition : new String[] {null, "tf-1"}) {
                show(
                        "fairness, a month by thin file, definition " + definition,
                        () -> fairness.segments(
                                GroupBy.parse("thinFile").orElseThrow(),
                                "false",
                                LocalDate.parse("2025-02-01"),
                                LocalDate.parse("2025-02-28"),
                                definition));
            }
        }
    }

    private static void show(String label, Runnable query) {
        System.out.println("\n-- " + label);
        try {
            query.run();
            System.out.println("   (no plan reported)");
        } catch (SQLWarningException plan) {
            for (var w = plan.getSQLWarning(); w != null; w = w.getNextWarning()) {
                // the plan without the query's text and without the per-row subplans of the search's
                // result columns (the same before and after)
                boolean planStarted = false;
                boolean inSubPlan = false;
                for (String line : w.getMessage().split("\n")) {
                    planStarted |= line.contains("(cost=");
                    inSubPlan = (inSubPlan || line.trim().startsWith("SubPlan")) && !line.contains("InitPlan");
                    if (planStarted && !inSubPlan && !line.isBlank()) {
                        System.out.println("   " + line.replaceAll("\\(cost=[^)]*\\) ", ""));
                    }
                }
            }
        } catch (org.springframework.dao.DataAccessException failed) {
            System.out.println("   failed: " + failed.getMostSpecificCause().getMessage());
        }
    }

    /**
     * The same realistic rows inserted one statement at a time into two copies of decision, one
     * with the old index set and one with the new, alternating blocks: WAL bytes and records per
     * row (GIN pending lists flushed inside each block, so all of an index's work is counted) and
     * the server's execution time per insert.
     */
    private static void inserts(JdbcClient su, List<String> oldIndexes, List<String> newIndexes, int rows) {
        su.sql("drop table if exists ins_template, ins_old, ins_new").update();
        // the generated decisions with the scores of two real models (factors and raw answer), the
        // largest JSON a decision stores and the one its scores GIN indexed in full
        su.sql("""
                create table ins_template as
                select row_number() over () as n, d.*
                  from (select * from decision order by decided_at desc limit ?) d
                """).param(rows).update();
        su.sql("""
                update ins_template set scores = (
                    select jsonb_agg(jsonb_build_object(
                               'role', m.role, 'modelId', m.model, 'modelVersion', 'v' || (n % 3), 'providerRegion', 'EU',
                               'attempt', 1, 'trigger', null, 'status', m.status,
                               'risk', round(((n * 7919) % 1000) / 1000.0, 4), 'confidence', round(((n * 104729) % 1000) / 1000.0, 4),
                               'factors', (select jsonb_agg(jsonb_build_object(
                                               'reasonCode', 'R-' || f, 'input', 'input' || f,
                                               'value', ((n * f) % 5000)::text, 'contribution', round(((n * f) % 997) / 997.0, 6)))
                                             from generate_series(1, 8) f),
                               'latencyMillis', n % 40,
                               'rawResponse', jsonb_build_object('model', m.model, 'risk', round(((n * 7919) % 1000) / 1000.0, 4),
                                               'points', (select jsonb_agg((n * f) % 300) from generate_series(1, 20) f))::text))
                      from (values ('PRIMARY', 'german-credit-scorecard', 'OK'),
                                   ('SECOND_OPINION', 'alt-data', case when n % 9 = 0 then 'TIMEOUT' else 'OK' end)) m(role, model, status))
                """).update();
        for (String copy : List.of("ins_old", "ins_new")) {
            su.sql("create table " + copy
                            + " (like decision including defaults including generated including constraints)"
                            + " with (autovacuum_enabled = off)")
                    .update();
            List<String> defs = copy.equals("ins_old") ? oldIndexes : newIndexes;
            for (String def : defs) {
                su.sql(def.replaceFirst(
                                "INDEX (\\S+) ON public\\.decision ", "INDEX $1_" + copy + " ON public." + copy + " "))
                        .update();
            }
        }
        String columns = "id, application_id, request_fingerprint, outcome, ruleset_version, ensemble_version, product,"
                + " data_region, thin_file, decided_at, application, features, scores, fired_rules, reasons, terms,"
                + " guardrails, client_id, retain_until";
        List<Object[]> template = su.sql("select "
                        + columns.replace("application,", "application::text,")
                                .replace("features,", "features::text,")
                                .replace("scores,", "scores::text,")
                                .replace("fired_rules,", "fired_rules::text,")
                                .replace("reasons,", "reasons::text,")
                                .replace("terms,", "terms::text,")
                                .replace("guardrails,", "guardrails::text,")
                        + " from ins_template order by n")
                .query((rs, n) -> {
                    Object[] row = new Object[19];
                    for (int i = 0; i < 19; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    return row;
                })
                .list();
        System.out.printf(
                Locale.ROOT,
                "%n==== inserts: %d realistic rows (%s of JSON each on average) per index set, in %d alternating blocks%n",
                rows,
                su.sql("select pg_size_pretty(avg(pg_column_size(t.*))::bigint) from ins_template t")
                        .query(String.class)
                        .single(),
                BLOCKS);
        Map<String, List<double[]>> blocks = new LinkedHashMap<>();
        int per = rows / BLOCKS;
        su.sql("select pg_stat_statements_reset()").query().listOfRows();
        for (int b = 0; b < BLOCKS; b++) {
            for (String copy : b % 2 == 0 ? List.of("ins_old", "ins_new") : List.of("ins_new", "ins_old")) {
                List<Object[]> slice = template.subList(b * per, (b + 1) * per);
                blocks.computeIfAbsent(copy, k -> new ArrayList<>()).add(block(su, copy, columns, slice));
            }
        }
        for (var e : blocks.entrySet()) {
            double bytes = e.getValue().stream().mapToDouble(x -> x[0]).sum() / (per * (double) BLOCKS);
            double records = e.getValue().stream().mapToDouble(x -> x[1]).sum() / (per * (double) BLOCKS);
            List<Double> ms =
                    new ArrayList<>(e.getValue().stream().map(x -> x[2]).toList());
            Collections.sort(ms);
            List<Double> cpu =
                    new ArrayList<>(e.getValue().stream().map(x -> x[3]).toList());
            Collections.sort(cpu);
            System.out.printf(
                    Locale.ROOT,
                    "  %-8s %2d indexes: %,8.0f WAL bytes and %5.1f WAL records per row; server time per insert, blocks: %s ms;"
                            + " its server process's CPU per insert, blocks: %s us%n",
                    e.getKey(),
                    (e.getKey().equals("ins_old") ? oldIndexes : newIndexes).size(),
                    bytes,
                    records,
                    ms.stream().map(x -> String.format(Locale.ROOT, "%.3f", x)).toList(),
                    cpu.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
        }
        su.sql("""
                select relname, pg_size_pretty(pg_indexes_size(oid)) from pg_class where relname in ('ins_old', 'ins_new')
                """)
                .query((rs, n) -> {
                    System.out.printf("  %s: indexes %s%n", rs.getString(1), rs.getString(2));
                    return null;
                })
                .list();
    }

    /** One block of inserts: WAL bytes, WAL records, and the mean server execution time per insert (ms). */
    private static double[] block(JdbcClient su, String copy, String columns, List<Object[]> rows) {
        su.sql("checkpoint").update();
        su.sql("select pg_stat_reset_shared('wal')").query().listOfRows();
        String lsn =
                su.sql("select pg_current_wal_lsn()::text").query(String.class).single();
        String insert = "insert into " + copy + " (" + columns + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb,"
                + " ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?)";
        double before = execMillis(su, copy);
        long cpuBefore = backendCpuNanos(su);
        for (Object[] row : rows) {
            Object[] fresh = row.clone();
            fresh[0] = java.util.UUID.randomUUID();
            fresh[1] = "ins-" + fresh[0];
            su.sql(insert).params(fresh).update();
        }
        // whatever the GIN indexes left in their pending lists is part of this block's work
        su.sql("select gin_clean_pending_list(c.oid) from pg_index i join pg_class c on c.oid = i.indexrelid"
                        + " join pg_am a on a.oid = c.relam where a.amname = 'gin' and i.indrelid = ?::regclass")
                .param(copy)
                .query()
                .listOfRows();
        double bytes = su.sql("select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)")
                .param(lsn)
                .query(Double.class)
                .single();
        try {
            Thread.sleep(600); // the backend's WAL counters reach pg_stat_wal at most every half second
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        su.sql("select 1").query().listOfRows();
        double records = su.sql("select wal_records from pg_stat_wal")
                .query(Double.class)
                .single();
        double ms = (execMillis(su, copy) - before) / rows.size();
        double cpu = (backendCpuNanos(su) - cpuBefore) / 1e3 / rows.size();
        return new double[] {bytes, records, ms, cpu};
    }

    /**
     * The CPU time the connection's server process has run, in ns (/proc/PID/schedstat: time on a
     * core, whatever else the machine runs meanwhile; the server is local).
     */
    private static long backendCpuNanos(JdbcClient su) {
        int pid = su.sql("select pg_backend_pid()").query(Integer.class).single();
        try {
            return Long.parseLong(Files.readString(Path.of("/proc", Integer.toString(pid), "schedstat"))
                    .trim()
                    .split(" ")[0]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double execMillis(JdbcClient su, String copy) {
        // the inserts, and the merging of what they left in the GIN indexes' pending lists (each block
        // runs on one table, so the merges between two readings are that table's)
        return su.sql("select coalesce(sum(total_exec_time), 0) from pg_stat_statements"
                        + " where query like ? or query like 'select gin_clean_pending_list%'")
                .param("insert into " + copy + " %")
                .query(Double.class)
                .single();
    }
}
