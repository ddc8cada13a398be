package dev.arbiter.web;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever reaches the port, from Tomcat's request parsing to the controllers, is answered
 * with an RFC 9457 problem, and every answer carries no-store and nosniff.
 */
@ArbiterIT
@ExtendWith(OutputCaptureExtension.class)
class EveryAnswerIsAProblemIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Http auditor;
    Http originator;

    @BeforeEach
    void clients() {
        auditor = Http.to(context, "auditor");
        originator = Http.to(context, "originator");
    }

    /** A raw HTTP/1.1 exchange, for requests no well-behaved client would send. */
    record Raw(int status, String head, String body) {
        JsonNode json() {
            return JsonMapper.builder().build().readTree(body);
        }
    }

    private Raw raw(String requestLine, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request =
                    new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    private static void isProblem(Raw answer, int status) {
        assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
        assertThat(answer.head().toLowerCase())
                .contains("content-type: application/problem+json")
                .contains("x-content-type-options: nosniff")
                .contains("cache-control: no-store");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asString()).as(answer.body()).isNotBlank();
        assertThat(problem.path("type").asString()).startsWith("/problems/");
        assertThat(answer.body())
                .doesNotContain("Tomcat")
                .doesNotContain("<html")
                .doesNotContain("java.");
    }

    private static void isProblem(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).as(answer.body()).isEqualTo(code);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void theErrorPathCalledDirectlyIsANotFoundProblem() throws IOException {
        isProblem(raw("GET /error HTTP/1.1"), 404);
        isProblem(raw("POST /error HTTP/1.1", "Content-Length: 0"), 404);
        assertThat(raw("GET /error HTTP/1.1").body()).doesNotContain("999");
    }

    @Test
    void traceIsAMethodNotAllowedProblem() throws IOException {
        Raw answer = raw("TRACE /v1/decisions HTTP/1.1");
        isProblem(answer, 405);
        assertThat(answer.json().path("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
        isProblem(raw("TRACE / HTTP/1.1"), 405);
    }

    @Test
    void anEncodedSlashInThePathIsAParameterProblem() throws IOException {
        Raw answer = raw("GET /v1/decisions/abc%2Fdef HTTP/1.1");
        isProblem(answer, 400);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("path");
        isProblem(raw("GET /v1/decisions/abc%5cdef HTTP/1.1"), 400);
        isProblem(raw("GET /nothing%2Fhere HTTP/1.1"), 400);
    }

    @Test
    void pathsTomcatRefusesOnItsOwnAreProblemsToo() throws IOException {
        isProblem(raw("GET /v1/decisions/%00 HTTP/1.1"), 400);
        isProblem(raw("GET /v1/../../etc/passwd HTTP/1.1"), 400);
    }

    @Test
    void anUnknownPathIsANotFoundProblem() throws IOException {
        isProblem(raw("GET /favicon.ico HTTP/1.1"), 404);
    }

    @Test
    void aCursorOfInvalidUtf8AndANulIsAParameterProblemNamingItAndNothingRawIsLogged(CapturedOutput output) {
        Http.Answer answer = auditor.get("/v1/decisions?cursor=%00%FF");
        new Http(port).get("/v1/decisions?limit=%00");

        isProblem(answer, 400, "INVALID_PARAMETER");
        JsonNode error = answer.json().path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("cursor");
        assertThat(error.path("reason").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("\\u0000");
        assertThat(output.getAll()).doesNotContain("\u0000").doesNotContain("\uFFFD");
    }

    @Test
    void controlCharactersOrBrokenEscapesInAnyParameterAreNamed() throws IOException {
        for (String query :
                new String[] {"outcome=APPROVE%0D%0AX", "reasonCode=%C3%28", "limit=%1B%5B31m", "product=%E2%82"}) {
            Http.Answer answer = auditor.get("/v1/decisions?" + query);
            isProblem(answer, 400, "INVALID_PARAMETER");
            assertThat(answer.json().path("errors").get(0).path("field").asString())
                    .as(query)
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
        // a broken escape cannot even be signed: the refusal comes before authentication
        Raw broken = raw("GET /v1/decisions?from=%ZZ HTTP/1.1");
        isProblem(broken, 400);
        assertThat(broken.json().path("errors").get(0).path("field").asString()).isEqualTo("from");
        // Tomcat itself refuses some of these in a path (then as BAD_REQUEST); either way a 400 problem about the path
        for (String path : new String[] {"/v1/decisions/%C0%80", "/v1/decisions/%01", "/v1/decisions/%7F"}) {
            Http.Answer answer = auditor.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.code()).isIn("INVALID_PARAMETER", "BAD_REQUEST");
            assertThat(answer.body()).contains("path");
        }
    }

    @Test
    void printableUnicodeInParametersStillPasses() {
        Http.Answer answer = auditor.get("/v1/decisions?reasonCode=%C3%A9");

        // refused by the filter's own rule (not a reason code), not as unreadable text
        isProblem(answer, 400, "INVALID_PARAMETER");
        assertThat(answer.json().path("errors").get(0).path("reason").asString())
                .isEqualTo("is not well formed");
    }

    @Test
    void everyV1AnswerIsNotStoredAndNotSniffed() {
        String id = "hdr-" + UUID.randomUUID();
        Http.Answer created = originator.post("/v1/decisions", steadyEmployedRenter(id));
        Http.Answer read =
                auditor.get("/v1/decisions/" + created.json().path("decisionId").asString());
        Http.Answer search = auditor.get("/v1/decisions?limit=1");
        Http.Answer unsigned = new Http(port).get("/v1/decisions?limit=1");
        Http.Answer docs = new Http(port).get("/v3/api-docs");

        for (Http.Answer answer : new Http.Answer[] {created, read, search, unsigned, docs}) {
            assertThat(answer.headers().firstValue("Cache-Control"))
                    .as(answer.body())
                    .hasValue("no-store");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        assertThat(created.status()).isEqualTo(201);
        assertThat(read.status()).isEqualTo(200);
        assertThat(unsigned.status()).isEqualTo(401);
    }

    @Test
    void anInvalidRequestLineIsAnsweredWithoutHtml() throws IOException {
        Raw answer = raw("GET /v1/decisions?x=<script> HTTP/1.1");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("<html");
    }
}
