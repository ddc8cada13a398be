package dev.arbiter.security;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** scripts/arbiter-curl, as README uses it: bash, openssl and curl against the running Arbiter. */
@ArbiterIT
class SigningScriptIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    record Run(int exit, int status, String body, String stderr) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    @BeforeAll
    static void toolsArePresent() {
        for (String tool : List.of("bash", "openssl", "curl")) {
            boolean found = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            assumeTrue(found, tool + " is not installed; the signing script cannot run here");
        }
    }

    private Run run(String role, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "scripts/arbiter-curl",
                "-k",
                Keys.of(context).file(role).toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--", "-w", "\n%{http_code}"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("ARBITER_URL", "http://127.0.0.1:" + port);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int split = out.lastIndexOf('\n');
        return new Run(
                process.exitValue(),
                split < 0 ? 0 : Integer.parseInt(out.substring(split + 1).trim()),
                split < 0 ? out : out.substring(0, split),
                err);
    }

    @Test
    void theScriptSignsAndSendsADecisionFromABodyFile() throws Exception {
        Path body = Files.createTempFile("application", ".json");
        Files.writeString(body, Http.json(steadyEmployedRenter("script-" + UUID.randomUUID())));

        Run run = run("originator", null, "POST", "/v1/decisions", body.toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().path("outcome").asString()).isIn("APPROVE", "DENY", "REFER");
    }

    @Test
    void theScriptSignsABodyFromStandardInputAndAQueryString() throws Exception {
        Run posted = run(
                "originator",
                Http.json(steadyEmployedRenter("script-" + UUID.randomUUID())),
                "POST",
                "/v1/decisions",
                "-");
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String id = posted.json().path("decisionId").asString();

        Run fetched = run("auditor", null, "GET", "/v1/decisions/" + id + "?view=full&a=1");

        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.json().path("decisionId").asString()).isEqualTo(id);
    }

    @Test
    void aQueryWithCharactersThatAreEncodedOnTheServerSignsTheSame() throws Exception {
        Run searched = run("auditor", null, "GET", "/v1/decisions?outcome=DENY&from=2026-01-01T00:00:00Z&limit=1");

        assertThat(searched.status()).as(searched.body()).isEqualTo(200);
    }

    @Test
    void aRoleTheEndpointDoesNotAllowIsToldSoThroughTheScript() throws Exception {
        Run run = run("analyst", null, "GET", "/v1/admin/clients");

        assertThat(run.status()).isEqualTo(403);
        assertThat(run.json().path("code").asString()).isEqualTo("ROLE_NOT_ALLOWED");
    }
}
