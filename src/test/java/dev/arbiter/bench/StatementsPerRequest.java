package dev.arbiter.bench;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterApplication;
import dev.arbiter.ExternalPostgres;
import dev.arbiter.Http;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts the SQL statements PostgreSQL runs per signed request (pg_stat_statements), a figure
 * that does not depend on how busy the machine is: {@code N} decisions, then {@code N} reads by
 * id, each counted from a reset, background jobs (linker, checkpoints) included.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.arbiter.bench.StatementsPerRequest -Dexec.args=200
 * </pre>
 */
public final class StatementsPerRequest {

    private StatementsPerRequest() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Path.of("target/bench/statements-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all")
                .start()) {
            ExternalPostgres.createRolesAsDocumented(pg);
            JdbcClient superuser = JdbcClient.create(pg.getDatabase("postgres", "arbiter"));
            superuser.sql("create extension pg_stat_statements").update();
            try (ConfigurableApplicationContext arbiter = new SpringApplicationBuilder(ArbiterApplication.class)
                    .properties(
                            "server.port=0",
                            "arbiter.db.url=jdbc:postgresql://127.0.0.1:" + port + "/arbiter",
                            "arbiter.db.username=arbiter",
                            "arbiter.db.password=app-secret",
                            "arbiter.db.owner-username=arbiter_owner",
                            "arbiter.db.owner-password=owner-secret",
                            "arbiter.security.keys-dir=" + dir.resolve("keys"),
                            "arbiter.audit.checkpoint-file=" + dir.resolve("checkpoints.jsonl"),
                            "arbiter.audit.signing-key-file=" + dir.resolve("signing.key"),
                            "arbiter.security.rate-limit=1000000")
                    .run()) {
                Http originator = Http.to(arbiter, "originator");
                String id = null;
                for (int i = 0; i < 20; i++) {
                    id = originator
                            .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("warm-" + i))
                            .json()
                            .path("decisionId")
                            .asString();
                }
                Thread.sleep(2000);
                reset(superuser);
                for (int i = 0; i < n; i++) {
                    var answer = originator.post(
                            "/v1/decisions", ApplicationFixture.steadyEmployedRenter("count-" + UUID.randomUUID()));
                    if (answer.status() != 201) {
                        throw new IllegalStateException(answer.body());
                    }
                }
                Thread.sleep(2000); // the listeners and the linker finish the decisions' work
                report(superuser, n, "POST /v1/decisions");
                reset(superuser);
                for (int i = 0; i < n; i++) {
                    originator.get("/v1/decisions/" + id);
                }
                report(superuser, n, "GET /v1/decisions/{id}");
            }
        }
    }

    private static void reset(JdbcClient superuser) {
        superuser.sql("select pg_stat_statements_reset()").query().listOfRows();
    }

    private static void report(JdbcClient superuser, int n, String what) {
        List<Map<String, Object>> rows = superuser.sql("""
                        select s.calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110) as query
                          from pg_stat_statements s join pg_roles r on r.oid = s.userid
                         where r.rolname = 'arbiter' and s.query not ilike '%pg_stat_statements%'
                         order by s.calls desc
                        """).query().listOfRows();
        long total = rows.stream()
                .mapToLong(r -> ((Number) r.get("calls")).longValue())
                .sum();
        long commits = rows.stream()
                .filter(r -> r.get("query").toString().trim().equalsIgnoreCase("commit"))
                .mapToLong(r -> ((Number) r.get("calls")).longValue())
                .sum();
        System.out.printf(
                "%s x %d: %.2f statements per request (%.2f explicit commits), all of Arbiter's login%n",
                what, n, (double) total / n, (double) commits / n);
        rows.stream()
                .limit(40)
                .forEach(r -> System.out.printf(
                        "  %7.3f  %s%n", ((Number) r.get("calls")).doubleValue() / n, r.get("query")));
    }
}
