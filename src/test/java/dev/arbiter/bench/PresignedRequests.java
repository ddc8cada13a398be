package dev.arbiter.bench;

import dev.arbiter.security.Signatures;
import dev.arbiter.tools.GermanCredit;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes signed requests ahead of time for a load tool that cannot sign (wrk, through
 * {@code scripts/presigned.lua}): one request a line, {@code method TAB path TAB key id TAB
 * timestamp TAB nonce TAB signature TAB body}. Each has its own nonce and the current
 * timestamp, so the file must be used within the server's timestamp window (5 minutes by
 * default) and each line once. Signing thus costs the load tool nothing while it measures.
 *
 * <p>{@code PresignedRequests posts <file> <count> <run>}: decisions for German credit
 * applicants with fresh application ids ({@code <run>-<n>-<applicant>});
 * {@code PresignedRequests gets <file> <ids-file> <count>}: {@code count} times
 * {@code GET /v1/decisions/{id}}, going round the ids in the ids file (one a line). The key is ARBITER_KEY_FILE's, as for {@link LoadTest}.
 */
public final class PresignedRequests {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private PresignedRequests() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path out = Path.of(args[1]);
        dev.arbiter.Keys.Key key = LoadTest.originatorKey();
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            if (kind.equals("posts")) {
                int count = Integer.parseInt(args[2]);
                String run = args[3];
                List<GermanCredit.Row> rows = Workload.germanCreditRows();
                for (int i = 0; i < count; i++) {
                    GermanCredit.Row row = rows.get(i % rows.size());
                    String id = "%s-%06d-%s".formatted(run, i, row.application().applicationId());
                    byte[] body = JSON.writeValueAsBytes(
                            dev.arbiter.tools.RunGermanCredit.request(row.application(), id, row.monitoring()));
                    line(w, key, "POST", "/v1/decisions", body);
                }
            } else if (kind.equals("gets")) {
                List<String> ids = Files.readAllLines(Path.of(args[2])).stream()
                        .map(String::trim)
                        .filter(id -> !id.isEmpty())
                        .toList();
                int count = Integer.parseInt(args[3]);
                for (int i = 0; i < count && !ids.isEmpty(); i++) {
                    line(w, key, "GET", "/v1/decisions/" + ids.get(i % ids.size()), new byte[0]);
                }
            } else {
                throw new IllegalArgumentException("posts or gets, not " + kind);
            }
        }
    }

    /** One line of the file, as a tool that sends them reads it back. */
    record Line(
            String method, String path, String keyId, String timestamp, String nonce, String signature, byte[] body) {

        static Line parse(String text) {
            String[] f = text.split("\t", 7);
            return new Line(f[0], f[1], f[2], f[3], f[4], f[5], f[6].getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void line(BufferedWriter w, dev.arbiter.Keys.Key key, String method, String path, byte[] body)
            throws java.io.IOException {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String nonceHex = HexFormat.of().formatHex(nonce);
        String signature =
                Signatures.sign(key.secret(), Signatures.canonical(method, path, null, timestamp, nonceHex, body));
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\n') >= 0 || text.indexOf('\t') >= 0) {
            throw new IllegalStateException("compact JSON has no raw tab or newline");
        }
        w.write(String.join("\t", method, path, key.keyId(), timestamp, nonceHex, signature, text));
        w.write('\n');
    }
}
