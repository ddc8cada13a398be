// A small client of Arbiter's decision stream (GET /v1/stream, WebSocket), JDK only.
//
//   java examples/StreamDemo.java decide [application.json ...]   # default examples/application.json
//   java examples/StreamDemo.java watch ['{"outcome":"REFER"}']
//
// decide: opens the stream as the originator (data/keys/originator.key), sends each file as a
//         decide message, then the first file once more (a replay: status 200, same decision),
//         prints every frame it sends (>) and receives (<), and closes when all are answered.
// watch:  opens the stream as the auditor (data/keys/auditor.key), subscribes with the filter
//         and prints the live feed until interrupted.
// ARBITER_URL (default http://localhost:8080) and ARBITER_KEY_FILE choose the server and key.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class StreamDemo {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "decide";
        boolean watch = mode.equals("watch");
        String keyFile = System.getenv().getOrDefault("ARBITER_KEY_FILE",
                "data/keys/" + (watch ? "auditor" : "originator") + ".key");
        String base = System.getenv().getOrDefault("ARBITER_URL", "http://localhost:8080").replaceAll("/+$", "");
        String keyId = null;
        byte[] secret = null;
        for (String line : Files.readAllLines(Path.of(keyFile))) {
            if (line.startsWith("key_id=")) {
                keyId = line.substring(7).trim();
            } else if (line.startsWith("secret=")) {
                secret = HexFormat.of().parseHex(line.substring(7).trim());
            }
        }

        // the upgrade is signed like any request: GET, the path, no query, an empty body
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] nonceBytes = new byte[16];
        new SecureRandom().nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        String emptyBodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String canonical = String.join("\n", "GET", "/v1/stream", "", timestamp, nonce, emptyBodyHash);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));

        List<String> messages = new ArrayList<>();
        if (watch) {
            String filter = args.length > 1 ? args[1] : "{}";
            messages.add("{\"type\":\"subscribe\",\"id\":\"watch\",\"filter\":" + filter + "}");
        } else {
            List<String> files = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("examples/application.json");
            int n = 0;
            for (String file : files) {
                messages.add("{\"type\":\"decide\",\"id\":\"c-" + ++n + "\",\"application\":"
                        + Files.readString(Path.of(file)).strip() + "}");
            }
            messages.add("{\"type\":\"decide\",\"id\":\"c-" + ++n + "\",\"application\":"
                    + Files.readString(Path.of(files.get(0))).strip() + "}");
        }

        CountDownLatch answered = new CountDownLatch(watch ? Integer.MAX_VALUE : messages.size());
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener printer = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    System.out.println("< " + text);
                    if (text.startsWith("{\"type\":\"ready\"")) {
                        ready.countDown();
                    } else if (text.startsWith("{\"type\":\"decision\"") || text.startsWith("{\"type\":\"problem\"")) {
                        answered.countDown();
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                System.out.println("closed by the server: " + code + " " + reason);
                closed.countDown();
                while (answered.getCount() > 0) {
                    answered.countDown();
                }
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                System.out.println("connection failed: " + error);
                while (answered.getCount() > 0) {
                    answered.countDown();
                }
            }
        };
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/v1/stream");
        WebSocket ws;
        try {
            ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("X-Arbiter-Key-Id", keyId).header("X-Arbiter-Timestamp", timestamp)
                    .header("X-Arbiter-Nonce", nonce).header("X-Arbiter-Signature", signature)
                    .buildAsync(uri, printer).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                System.out.println("upgrade refused with status " + refused.getResponse().statusCode()
                        + "; the same signed GET over HTTP shows the problem document");
                System.exit(1);
            }
            throw e;
        }
        ready.await();
        for (String message : messages) {
            // shown on one line: the file's line breaks and indentation dropped, its strings as they are
            System.out.println("> " + message.replaceAll("\\s*\\R\\s*", "").replace("\": ", "\":"));
            ws.sendText(message, true).join();
        }
        answered.await();
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        closed.await(5, java.util.concurrent.TimeUnit.SECONDS); // the server's answer to the close
    }
}
