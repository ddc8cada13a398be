package dev.arbiter.tools;

import dev.arbiter.security.Signatures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Posts JSON to Arbiter signed with a key file (docs/security.md), waiting out a 429 as its
 * Retry-After says, so a long run is slowed by the rate limit rather than losing requests.
 */
final class SignedPoster {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String keyId;
    private final byte[] secret;

    private SignedPoster(String keyId, byte[] secret) {
        this.keyId = keyId;
        this.secret = secret;
    }

    static SignedPoster fromKeyFile(Path file) throws IOException {
        String keyId = null;
        String secret = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("key_id=")) {
                keyId = line.substring(7).trim();
            } else if (line.startsWith("secret=")) {
                secret = line.substring(7).trim();
            }
        }
        if (keyId == null || secret == null) {
            throw new IllegalArgumentException(file + " has no key_id= or secret= line");
        }
        return new SignedPoster(keyId, HexFormat.of().parseHex(secret));
    }

    HttpResponse<String> post(HttpClient client, String base, String path, String json)
            throws IOException, InterruptedException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        while (true) {
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            byte[] nonceBytes = new byte[16];
            RANDOM.nextBytes(nonceBytes);
            String nonce = HexFormat.of().formatHex(nonceBytes);
            String signature =
                    Signatures.sign(secret, Signatures.canonical("POST", path, null, timestamp, nonce, body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .header(Signatures.KEY_ID, keyId)
                    .header(Signatures.TIMESTAMP, timestamp)
                    .header(Signatures.NONCE, nonce)
                    .header(Signatures.SIGNATURE, signature)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429) {
                return response;
            }
            long wait = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(1L);
            Thread.sleep(Duration.ofSeconds(wait).toMillis());
        }
    }
}
